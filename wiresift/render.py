"""Rich renderings of store rows for the terminal (the CLI's output, nothing else)."""
from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

SECTION_STYLES = {
    "body": "",
    "heading": "bold underline",
    "caption": "italic cyan",
    "credit": "dim red",
    "tag": "dim yellow",
    "unrelated": "dim magenta",
    "header": "dim green",
}


def legend() -> Text:
    t = Text("sections: ")
    for kind, style in SECTION_STYLES.items():
        t.append(f" {kind} ", style=style or "default")
    return t


def summary_table(s: dict, title: str = "wiresift store") -> Table:
    t = Table(title=title, show_header=True, header_style="bold")
    t.add_column("what")
    t.add_column("count", justify="right")
    t.add_column("detail")
    t.add_row("articles", str(s["articles"]), f"{s['copies']} copies of another article's text, {s['undated']} without a published date")
    t.add_row("sections", str(sum(s["sections"].values())), ", ".join(f"{k} {v}" for k, v in s["sections"].items()))
    t.add_row("sentences", str(s["sentences"]), "")
    t.add_row("entities", str(s["entities"]), ", ".join(f"{k} {v}" for k, v in list(s["entity_labels"].items())[:8]))
    if s["actors"] or s["events"] or s["quotes"]:
        t.add_row("actors", str(s["actors"]), "")
        t.add_row("events", str(s["events"]), ", ".join(f"{k} {v}" for k, v in s["event_types"].items()))
        t.add_row("quotes", str(s["quotes"]), "")
    if s["timexes"] or s["toponyms"]:
        t.add_row("time expressions", str(s["timexes"]), "")
        t.add_row("places", str(s["toponyms"]), "")
    if s["stories"]:
        t.add_row("stories", str(s["stories"]), "")
    t.add_row("ingest errors", str(s["errors"]), f"{s['warnings']} warnings (ingested with a repair)")
    return t


def articles_table(rows: list[dict], total: int | None = None, width: int | None = None) -> Table:
    """Articles, a line each. The id is what users copy into `wiresift show`, so it is never
    cut; below 110 columns the outlet and the noise and entity counts make way for the text."""
    t = Table(show_header=True, header_style="bold", title=f"{len(rows)} article(s)" + (f" of {total}" if total else ""))
    narrow = width is not None and width < 110
    counts = ("events", "quotes") if narrow else ("words", "noise", "ents", "events", "quotes")
    t.add_column("id", no_wrap=True)
    t.add_column("published", no_wrap=True)
    if not narrow:
        t.add_column("outlet", max_width=18, overflow="ellipsis")
    for col in counts:
        t.add_column(col, justify="right", no_wrap=True)
    t.add_column("start of text", no_wrap=True, overflow="ellipsis")
    room = max(12, min(80, (width or 160) - (54 if narrow else 100)))
    keys = {"words": "n_words", "noise": "noise_sections", "ents": "entities", "events": "events", "quotes": "quotes"}
    for r in rows:
        pub = str(r["published"]) if r["published"] else "[dim]undated[/dim]"
        start = " ".join((r.get("title") or r["snippet"] or "").split())
        start = start if len(start) <= room else start[:room - 1] + "…"
        cells = [r["id"], pub] + ([] if narrow else [r.get("outlet") or ""])
        t.add_row(*cells, *(str(r[keys[c]]) for c in counts), start)
    return t


def article_view(art: dict, show_entities: bool = False) -> Group:
    text = art["text"]
    body = Text()
    pos = 0
    for s in art["sections"]:
        if s["start"] > pos:
            body.append(text[pos:s["start"]])
        body.append(text[s["start"]:s["end"]], style=SECTION_STYLES.get(s["kind"], ""))
        pos = s["end"]
    body.append(text[pos:])
    if show_entities:
        for e in art["entities"]:
            body.stylize("reverse", e["start"], e["end"])
    for ev in art.get("events", []):
        if ev.get("evidence_start") is not None:
            body.stylize("on grey23", ev["evidence_start"], ev["evidence_end"])
    for qt in art.get("quotes", []):
        if qt.get("content_start") is not None:
            body.stylize("underline", qt["content_start"], qt["content_end"])
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    meta.add_row("id", art["id"])
    meta.add_row("published", f"{art['published'] or 'unknown'} ({art['published_origin']})")
    for k in ("title", "outlet", "url"):
        if art.get(k):
            meta.add_row(k, str(art[k]))
    meta.add_row("from", f"{art['origin']}{':' + art['locator'] if art.get('locator') else ''} ({art['format']})")
    if art.get("copy_of"):
        meta.add_row("copy of", art["copy_of"])
    if art.get("copies"):
        meta.add_row("copies", ", ".join(c["id"] for c in art["copies"]))
    kinds = {}
    for s in art["sections"]:
        kinds[s["kind"]] = kinds.get(s["kind"], 0) + 1
    meta.add_row("sections", ", ".join(f"{k} {v}" for k, v in kinds.items()))
    meta.add_row("parsed", f"{len(art['sentences'])} sentences, {len(art['entities'])} entities, {len(art.get('events', []))} events, {len(art.get('quotes', []))} quotes")
    parts = [meta, legend(), Text("evidence of events: grey background; quotes: underlined", style="dim"),
             Panel(body, title=art.get("title") or art["id"], expand=True)]
    if art.get("event_rows"):
        parts.append(events_table(art["event_rows"]))
    if art.get("quote_rows"):
        parts.append(quotes_table(art["quote_rows"]))
    if show_entities and art["entities"]:
        et = Table("entity", "label", "section", "offsets", title="entities", header_style="bold")
        for e in art["entities"]:
            et.add_row(e["text"], e["label"], e["section_kind"] or "", f"{e['start']}-{e['end']}")
        parts.append(et)
    return Group(*parts)


def errors_table(rows: list[dict]) -> Table:
    t = Table("severity", "where", "reason", "detail", "seen", title=f"{len(rows)} ingest error(s)", header_style="bold")
    for r in rows:
        where = r["origin"] + (f":{r['locator']}" if r.get("locator") else "")
        style = "red" if r["severity"] == "error" else "yellow"
        t.add_row(f"[{style}]{r['severity']}[/{style}]", where, r["reason"], r.get("detail") or "", str(r["seen"]))
    return t


def events_table(rows: list[dict], width: int | None = None) -> Table:
    """Events as a table. Below 140 columns (an 80-column terminal, a pipe) eight columns leave
    the evidence a few characters wide, so who-did-what goes in one column and the evidence
    gets the rest of the width; the event id is then left to `wiresift events`."""
    if width is not None and width < 140:
        return _events_compact(rows)
    t = Table(title=f"{len(rows)} event(s)", header_style="bold", show_lines=False)
    for col in ("date", "type", "actor", "recipient", "place", "flags", "evidence", "id"):
        t.add_column(col, overflow="fold" if col == "evidence" else "ellipsis", no_wrap=col in ("id", "date"))
    for r in rows:
        typ = r["type"] + (f"/{r['mode']}" if r.get("mode") else "") + (" [caption]" if r.get("section") == "caption" else "")
        t.add_row(str(r.get("date") or ""), typ, r.get("actor") or "", r.get("recipient") or "", r.get("place") or "",
                  r.get("flags") or "", " ".join((r.get("evidence") or "").split())[:160], r["id"])
    return t


def _events_compact(rows: list[dict]) -> Table:
    t = Table(title=f"{len(rows)} event(s)", header_style="bold", show_lines=True)
    t.add_column("date", no_wrap=True)
    t.add_column("who did what to whom", ratio=2, min_width=20)
    t.add_column("evidence", ratio=3, min_width=28, overflow="fold")
    for r in rows:
        typ = r["type"] + (f"/{r['mode']}" if r.get("mode") else "")
        who = f"[bold]{typ}[/bold]\n{r.get('actor') or '?'} -> {r.get('recipient') or '-'}"
        extra = [x for x in (r.get("place"), r.get("flags"), "caption" if r.get("section") == "caption" else None) if x]
        if extra:
            who += f"\n[dim]{'; '.join(extra)}[/dim]"
        t.add_row(str(r.get("date") or ""), who, " ".join((r.get("evidence") or "").split())[:200])
    return t


def quotes_table(rows: list[dict]) -> Table:
    t = Table(title=f"{len(rows)} quote(s)", header_style="bold")
    for col in ("published", "speaker", "kind", "quote", "id"):
        t.add_column(col, overflow="fold" if col == "quote" else "ellipsis", no_wrap=col == "id")
    for r in rows:
        t.add_row(str(r.get("published") or ""), r.get("speaker_name") or r.get("speaker_id") or "[dim]unresolved[/dim]",
                  r.get("kind") or "", " ".join((r.get("content") or "").split())[:200], r["id"])
    return t
