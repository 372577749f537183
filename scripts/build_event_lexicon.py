"""Build the PLOVER verb lexicon from the CAMEO verb dictionary (PETRARCH format).

Reads ../shared/data/phoenix/CAMEO.2.0.txt (Open Event Data Alliance, MIT) and the
curated CAMEO->PLOVER table wiresift/data/events/cameo_plover.tsv, and writes:

* wiresift/data/events/cameo_verbs.tsv: one row per verb of a verb block: the verb lemma,
  the words that must follow it for multi-word verbs ("meet with", "rule out"), its CAMEO
  code (its own, else the block's), the PLOVER event and mode, and the block name.
* wiresift/data/events/cameo_patterns.tsv: the block's phrase patterns ("- * SANCTIONS
  [163]" under IMPOSE): words that must appear before the verb (subject side) and after it
  (object side), in order; synonym sets (&MILITARY) are expanded into alternatives joined
  by "|". A code written ":173" in CAMEO ("face trial") means the subject is the *target*;
  that is kept as reverse=1. Patterns coded "---" block a verb sense and are kept as event "-".

Why a build step and not a runtime parser: the PETRARCH file carries TABARI-era syntax
(irregular forms, "$"/"+" role markers, transformation rules) that nothing at run time
needs; the TSVs are small, diffable and editable by hand. Hand corrections do not go here:
they live in wiresift/data/events/verbs_curated.tsv, which the loader applies on top.

Usage: .venv/bin/python scripts/build_event_lexicon.py [--cameo PATH]
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "wiresift" / "data" / "events"
DEFAULT_CAMEO = REPO.parent / "shared" / "data" / "phoenix" / "CAMEO.2.0.txt"

HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
CODE = re.compile(r"\[([^\]]*)\]")
# Role and skip markers of the PETRARCH pattern language; they carry no word to match.
MARKERS = {"$", "+", "^", "%", "*"}


def load_table(path: Path) -> dict[str, tuple[str, str]]:
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("cameo\t"):
            continue
        cols = line.split("\t")
        table[cols[0]] = (cols[1], cols[2])
    return table


def plover(code: str, table: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """PLOVER (event, mode) for a CAMEO code by longest prefix; ("-", "") when none."""
    if not code or not code[0].isdigit():
        return "-", ""
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return "-", ""


def parse_code(raw: str) -> tuple[str, bool]:
    """CAMEO "[042:043]" -> ("042", False); "[:173]" -> ("173", True); "[---]" -> ("---", False)."""
    raw = raw.strip()
    if raw.startswith(":"):
        return raw[1:].strip(), True
    return raw.split(":")[0].strip(), False


def words(token: str) -> list[str]:
    token = token.strip("_").lower()
    return [w for w in re.split(r"[_\s]+", token) if w]


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current = None
    for line in lines:
        s = line.split("#")[0].strip()
        if s.startswith("&"):
            current = s.rstrip("_")
            sets[current] = []
        elif s.startswith("+") and current:
            sets[current].append(" ".join(words(s[1:])))
        elif not s:
            current = None
    return sets


def pattern_items(text: str, synsets: dict[str, list[str]]) -> list[str]:
    """'&MILITARY (TO BORDER) {AIR RAID}' -> ['military|army|...', 'to', 'border', 'air', 'raid']."""
    text = re.sub(r"[{}()]", " ", text)
    items: list[str] = []
    for tok in text.split():
        if tok in MARKERS or set(tok) <= MARKERS:
            continue
        tok = tok.strip("$+^%")
        if not tok:
            continue
        if tok.startswith("&"):
            alts = synsets.get(tok.rstrip("_"))
            if not alts:
                continue
            # a multi-word synonym ("armed forces") is matched on its last word ("forces")
            items.append("|".join(sorted({a.split()[-1] for a in alts})))
        else:
            items.extend(words(tok))
    return items


def parse(path: Path, table) -> tuple[list[tuple], list[tuple], dict]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("####### VERB PATTERNS"))
    synsets = read_synsets(lines[:start])
    verbs: list[tuple] = []
    patterns: list[tuple] = []
    stats = {"blocks": 0, "verbs": 0, "patterns": 0, "skipped_lines": 0}
    block, block_code = None, "---"
    for line in lines[start + 1:]:
        if not line.strip() or line.startswith("#"):
            continue
        m = HEADER.match(line)
        if m:
            block = m.group(1)
            block_code = parse_code(m.group(2))[0]
            stats["blocks"] += 1
            continue
        if block is None:
            continue
        if line.startswith("~"):  # PETRARCH transformation rules: not used
            stats["skipped_lines"] += 1
            continue
        body = re.split(r"#|;", line, maxsplit=1)[0]
        if line.startswith("-"):
            cm = CODE.search(body)
            if not cm or "*" not in body:
                stats["skipped_lines"] += 1
                continue
            code, reverse = parse_code(cm.group(1))
            pat = body[1:cm.start()]
            before, after = pat.split("*", 1)
            ev, mode = ("-", "") if code.startswith("-") else plover(code, table)
            patterns.append((block, " ".join(pattern_items(before, synsets)),
                             " ".join(pattern_items(after, synsets)), code, ev, mode, int(reverse)))
            stats["patterns"] += 1
            continue
        # a verb line: WORD or +MULTI_WORD, optional {irregular forms}, optional [code]
        cm = CODE.search(body)
        code = parse_code(cm.group(1))[0] if cm else block_code
        head = re.sub(r"\{[^}]*\}", " ", body[:cm.start()] if cm else body).split()
        if not head:
            stats["skipped_lines"] += 1
            continue
        ws = words(head[0].lstrip("+"))
        if not ws or not re.fullmatch(r"[a-z][a-z'-]*", ws[0]):
            stats["skipped_lines"] += 1
            continue
        ev, mode = ("-", "") if code.startswith("-") else plover(code, table)
        verbs.append((ws[0], " ".join(ws[1:]), code, ev, mode, block))
        stats["verbs"] += 1
    return verbs, patterns, stats


def write(path: Path, header: str, cols: list[str], rows: list[tuple]) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write(header)
        f.write("\t".join(cols) + "\n")
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")


PROVENANCE = (
    "# Generated by scripts/build_event_lexicon.py from CAMEO.2.0.txt (PETRARCH CAMEO verb\n"
    "# dictionary, (c) 2015 Open Event Data Alliance, MIT licence) mapped through\n"
    "# cameo_plover.tsv. Do not edit: corrections go in verbs_curated.tsv.\n"
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cameo", type=Path, default=DEFAULT_CAMEO)
    args = ap.parse_args(argv)
    if not args.cameo.exists():
        print(f"missing {args.cameo}", file=sys.stderr)
        return 1
    table = load_table(OUT / "cameo_plover.tsv")
    verbs, patterns, stats = parse(args.cameo, table)
    # de-duplicate while keeping the first (PETRARCH reads blocks in file order)
    seen, uverbs = set(), []
    for v in verbs:
        if (v[0], v[1], v[5]) not in seen:
            seen.add((v[0], v[1], v[5]))
            uverbs.append(v)
    seen, upats = set(), []
    for p in patterns:
        if p[:4] not in seen:
            seen.add(p[:4])
            upats.append(p)
    write(OUT / "cameo_verbs.tsv", PROVENANCE, ["verb", "rest", "cameo", "event", "mode", "block"], uverbs)
    write(OUT / "cameo_patterns.tsv", PROVENANCE,
          ["block", "before", "after", "cameo", "event", "mode", "reverse"], upats)
    print(f"{stats['blocks']} blocks, {len(uverbs)} verbs, {len(upats)} patterns "
          f"({stats['skipped_lines']} lines skipped) -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
