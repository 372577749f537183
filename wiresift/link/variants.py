"""Quote variants: the same statement reported with different wording, grouped, with the
differing words shown.

Outlets quote one sentence differently: one censors a word ("bullshit" / "bulls**t"), one
writes "10 percent" and another "10%", one cuts the quote short, one uses typographic quote
marks. After folding what is only typography (quote marks, case, "%" / "per cent"), two
wordings are the same statement when the shorter one lies (almost) entirely inside the
longer one, matched word by word with censored words matching the word they hide. Each
quote joins the best such group of its speaker (a group keeps one speaker; a quote with no
known speaker may join a group in its own story), and every member stores how it differs
from the group's longest wording.

Mixed quotes ('Trump said Putin "believed me 10%"') are compared on their quoted words only;
indirect speech is a paraphrase, not a wording, and is left out.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from difflib import SequenceMatcher

from ..store import insert_rows
from .articles import LinkDoc
from .text import STOP, censor_match, fold, quote_tokens, short_id

_QUOTED = re.compile(r"[\"“”]([^\"“”]{2,}?)[\"“”]|(?<![\w])['‘]([^'‘’]{2,}?)['’](?![\w])")


def quoted_words(q: dict) -> str | None:
    """The words a quote record quotes: the content of a direct quote, the quoted fragments
    of a mixed one; None for indirect speech."""
    text = q.get("content") or ""
    kind = q.get("kind")
    if kind == "direct":
        return text.strip().strip("\"“”'‘’ ").strip() or None
    if kind == "mixed":
        frags = [m.group(1) or m.group(2) for m in _QUOTED.finditer(text)]
        frags = [f.strip() for f in frags if f and len(f.split()) >= 1]
        return " … ".join(frags) if frags else None
    return None


def views(doc: LinkDoc, story_id: str | None, day: dt.date | None, copy_group: str | None) -> list[dict]:
    out = []
    for q in doc.quotes:
        words = quoted_words(q)
        if not words:
            continue
        out.append({"quote_id": q["id"], "article_id": doc.id, "speaker_id": q.get("speaker_id"),
                    "speaker_name": q.get("speaker_name"), "kind": q.get("kind"), "story_id": story_id,
                    "copy_group": copy_group or doc.id, "day": day, "text": words, "group_id": None})
    return out


_COLS = ("quote_id", "group_id", "article_id", "speaker_id", "kind", "story_id", "copy_group", "day", "text",
         "relation", "score", "diff")


def load_candidates(con, speakers: list[str], story_ids: list[str], lo: dt.date, hi: dt.date) -> list[dict]:
    cur = con.execute(f"""
        SELECT {', '.join(_COLS)} FROM quote_variants
        WHERE story_id IN (SELECT unnest($2))
           OR (speaker_id IN (SELECT unnest($1)) AND (day IS NULL OR day BETWEEN $3 AND $4))""",
                      [speakers, story_ids, lo, hi])
    return [dict(zip(_COLS, r)) for r in cur.fetchall()]


# -- comparing two wordings -----------------------------------------------------------------

def _content(tokens: list[tuple[str, str]]) -> set[str]:
    return {n for n, _ in tokens if n not in STOP and len(n) > 2 and "*" not in n}


def align(a: str, b: str) -> tuple[float, list[tuple[str, int, int, int, int]], list, list]:
    """(containment of the shorter in the longer, difflib opcodes, tokens a, tokens b)."""
    ta, tb = quote_tokens(a), quote_tokens(b)
    na = [n for n, _ in ta]
    nb = [n for n, _ in tb]
    # Censored words take the spelling they hide, so the alignment sees them as equal.
    bset = set(nb)
    for i, w in enumerate(na):
        if "*" in w:
            hit = next((x for x in bset if censor_match(w, x)), None)
            if hit:
                na[i] = hit
    aset = set(na)
    for i, w in enumerate(nb):
        if "*" in w:
            hit = next((x for x in aset if censor_match(w, x)), None)
            if hit:
                nb[i] = hit
    sm = SequenceMatcher(None, na, nb, autojunk=False)
    matched = sum(bl.size for bl in sm.get_matching_blocks())
    shorter = min(len(na), len(nb)) or 1
    return matched / shorter, sm.get_opcodes(), ta, tb


def diff(a: str, b: str) -> tuple[str, float, list[dict]]:
    """How wording ``a`` differs from the canonical wording ``b``: (relation, score, diffs)."""
    score, ops, ta, tb = align(a, b)
    out: list[dict] = []
    n_eq = 0
    for tag, i1, i2, j1, j2 in ops:
        sa = " ".join(s for _, s in ta[i1:i2])
        sb = " ".join(s for _, s in tb[j1:j2])
        if tag == "equal":
            n_eq += i2 - i1
            for k, ((na, su_a), (nb, su_b)) in enumerate(zip(ta[i1:i2], tb[j1:j2])):
                if su_a == su_b:
                    continue
                if "*" in su_a or "*" in su_b:
                    out.append({"kind": "censored", "a": su_a, "b": su_b})
                elif na == "percent" or nb == "percent":
                    # show the figure with its sign: "10%" / "10 percent"
                    num_a = ta[i1 + k - 1][1] if i1 + k > 0 else ""
                    num_b = tb[j1 + k - 1][1] if j1 + k > 0 else ""
                    join = lambda n, u: (n + u if u == "%" else f"{n} {u}").strip()  # noqa: E731
                    out.append({"kind": "number", "a": join(num_a, su_a), "b": join(num_b, su_b)})
                elif fold(su_a).lower() == fold(su_b).lower() and su_a.lower() != su_b.lower():
                    out.append({"kind": "typography", "a": su_a, "b": su_b})
            continue
        at_end = i1 == 0 and j1 == 0 or i2 == len(ta) and j2 == len(tb)
        kind = "extra" if tag in ("insert", "delete") and at_end else ("missing" if tag in ("insert", "delete") else "changed")
        out.append({"kind": kind, "a": sa, "b": sb})
    if len(ta) == len(tb) and n_eq == len(ta):
        relation = "same"
    elif n_eq == len(ta):
        relation = "shorter"
    elif n_eq == len(tb):
        relation = "longer"
    else:
        relation = "reworded"
    return relation, round(score, 3), out


def _compatible(v: dict, group: list[dict], settings: dict) -> bool:
    qs = settings["quotes"]
    speakers = {m["speaker_id"] for m in group if m.get("speaker_id")}
    if v.get("speaker_id"):
        return not speakers or v["speaker_id"] in speakers if qs.get("speaker_required", True) else True
    # no speaker: only inside its own story
    return any(m.get("story_id") and m["story_id"] == v.get("story_id") for m in group)


def assign(new: list[dict], groups: dict[str, list[dict]], settings: dict) -> set[str]:
    """Group each new quote view; returns the ids of groups that changed."""
    qs = settings["quotes"]
    need = float(qs["min_containment"])
    min_words = int(qs["min_words"])
    touched: set[str] = set()
    index: dict[str, set[str]] = defaultdict(set)  # content word -> group ids
    for gid, members in groups.items():
        for m in members:
            for w in _content(quote_tokens(m["text"])):
                index[w].add(gid)
    for v in new:
        toks = quote_tokens(v["text"])
        words = _content(toks)
        best = None
        if len(toks) >= min_words:
            cand = {g for w in words for g in index.get(w, ())}
            for gid in cand:
                members = groups[gid]
                if not _compatible(v, members, settings):
                    continue
                for m in members:
                    mt = quote_tokens(m["text"])
                    if min(len(mt), len(toks)) < min_words:
                        continue
                    score, _, _, _ = align(v["text"], m["text"])
                    if score >= need and (best is None or score > best[0]):
                        best = (score, gid)
        gid = best[1] if best else short_id("q", v["quote_id"])
        v["group_id"] = gid
        groups.setdefault(gid, []).append(v)
        for w in words:
            index[w].add(gid)
        touched.add(gid)
    return touched


def write(con, groups: dict[str, list[dict]], touched: set[str], names: dict[str, str], stored: set[str] = frozenset()) -> None:
    """(Re)write the rows of the touched groups: members with their diffs, and the group.
    ``stored``: the touched groups that already have rows (the others are new)."""
    ids = sorted(touched)
    if not ids:
        return
    old = sorted(set(ids) & set(stored))
    if old:
        con.execute("DELETE FROM quote_variants WHERE group_id IN (SELECT unnest($1))", [old])
        con.execute("DELETE FROM quote_groups WHERE id IN (SELECT unnest($1))", [old])
    vrows, grows = [], []
    for gid in ids:
        members = groups[gid]
        canon = max(members, key=lambda m: (len(quote_tokens(m["text"])), m["quote_id"]))
        for m in members:
            if m is canon:
                rel, score, d = "canonical", 1.0, []
            else:
                rel, score, d = diff(m["text"], canon["text"])
            m.update(relation=rel, score=score, diff=d)
            vrows.append((m["quote_id"], gid, m["article_id"], m.get("speaker_id"), m.get("kind"), m.get("story_id"),
                          m.get("copy_group"), m.get("day"), m["text"], rel, score, json.dumps(d, ensure_ascii=False)))
        speakers = [m["speaker_id"] for m in members if m.get("speaker_id")]
        spk = max(set(speakers), key=speakers.count) if speakers else None
        stories = [m["story_id"] for m in members if m.get("story_id")]
        record = {"wordings": [{"quote_id": m["quote_id"], "article_id": m["article_id"], "text": m["text"],
                                "relation": m["relation"], "diff": m["diff"]} for m in members]}
        grows.append((gid, spk, names.get(spk) if spk else None, canon["text"], len(members),
                      len({m["article_id"] for m in members}), len({m.get("copy_group") for m in members}),
                      max(set(stories), key=stories.count) if stories else None, json.dumps(record, ensure_ascii=False)))
    insert_rows(con, "quote_variants", _COLS, vrows)
    insert_rows(con, "quote_groups", ("id", "speaker_id", "speaker_name", "canonical", "n_quotes", "n_articles",
                                      "n_independent", "story_id", "record"), grows)


def load_groups(con, group_ids: set[str]) -> dict[str, list[dict]]:
    if not group_ids:
        return {}
    cur = con.execute(f"SELECT {', '.join(_COLS)} FROM quote_variants WHERE group_id IN (SELECT unnest($1))", [sorted(group_ids)])
    out: dict[str, list[dict]] = defaultdict(list)
    for r in cur.fetchall():
        d = dict(zip(_COLS, r))
        out[d["group_id"]].append(d)
    return out
