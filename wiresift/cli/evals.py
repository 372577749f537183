"""`wiresift eval ...`: score the pipeline on the gold sets, figures next to the anchors."""
from __future__ import annotations

from typing import Optional

import typer

from .app import ModelOpt, fail, eval_app, out


@eval_app.command("seeds")
def eval_seeds(model: Optional[str] = ModelOpt):
    """The five real seed articles against ../shared/gold/seeds.yaml."""
    from .eval import seeds

    try:
        result = seeds.evaluate(model=model)
    except FileNotFoundError as exc:
        fail(str(exc))
    for part in seeds.render(result):
        out.print(part)
    if not result["ok"]:
        raise typer.Exit(4)
