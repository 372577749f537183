"""`wiresift eval ...`: score the pipeline on the gold sets, figures next to the anchors.

Each gold set has a module in wiresift/eval with ``evaluate(model=..., limit=...) -> dict``
and ``render(result) -> list of renderables``; this file only turns them into commands.
"""
from __future__ import annotations

import importlib
import importlib.util
from typing import Optional

import typer

from .app import ModelOpt, eval_app, fail, out

LimitOpt = typer.Option(None, "--limit", "-n", help="Score only the first N documents (quick look).")

# name -> what it scores (the anchors are printed by each module next to our figures)
SETS = {
    "events": "PLOVER gold sentences (../shared/eval/events): event-type accuracy, macro-F1, actor and recipient country accuracy.",
    "quotes": "PolNeAR quote attributions (../shared/eval/quotes): content, cue and source P/R/F1, speaker accuracy.",
    "time": "TimeBank+AQUAINT (../shared/eval/time): TempEval-3 strict/relaxed span F1, type accuracy, value F1.",
    "geo": "Geoparsing corpora (../shared/eval/geo): recognition P/R/F1 and accuracy within 161 km per corpus.",
    "samples": "The bundled sample corpus against tests/data/samples_gold.yaml: events, quotes and actors on text the rules were not tuned on.",
    "stories": "Story and copy-group clustering on the project's Reuters test set; false merges on hard negatives.",
}


@eval_app.command("seeds")
def eval_seeds(model: Optional[str] = ModelOpt):
    """The five real seed articles against ../shared/gold/seeds.yaml (the acceptance spec)."""
    from ..eval import seeds

    try:
        result = seeds.evaluate(model=model)
    except FileNotFoundError as exc:
        fail(str(exc))
    for part in seeds.render(result):
        out.print(part)
    if not result["ok"]:
        raise typer.Exit(4)


def _command(name: str, help_text: str):
    def run(model: Optional[str] = ModelOpt, limit: Optional[int] = LimitOpt):
        module = importlib.import_module(f"wiresift.eval.{name}")
        try:
            result = module.evaluate(model=model, limit=limit) if model else module.evaluate(limit=limit)
        except FileNotFoundError as exc:
            fail(str(exc))
        for part in module.render(result):
            out.print(part)

    run.__doc__ = help_text
    return run


for _name, _help in SETS.items():
    if importlib.util.find_spec(f"wiresift.eval.{_name}") is not None:
        eval_app.command(_name)(_command(_name, _help))
