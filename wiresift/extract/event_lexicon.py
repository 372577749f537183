"""The PLOVER trigger lexicon: which verb or noun, in which phrase, is which event.

Three data files feed it, all under wiresift/data/events/:

* cameo_verbs.tsv and cameo_patterns.tsv, generated from the PETRARCH CAMEO verb dictionary by
  scripts/build_event_lexicon.py (verbs with a default code; phrase patterns that refine it:
  "impose * sanctions" is SANCTION, "impose * curfew" COERCE);
* verbs_curated.tsv, our corrections, which win: news today is not 1990s wire copy, and the
  WordNet-grown CAMEO sets fire on the wrong senses ("expect" as AGREE, "hear" as CONSULT);
* nouns.tsv, event nouns ("summit", "sanctions", "drone attack") with how they may stand alone.

A sense is looked up per token: the longest pattern whose words follow the verb wins, then
the verb's curated default, then its block's, then CAMEO's. Function verbs (speech, intent,
light, stop ...) come back as senses whose event starts with "@", so the coder treats all
verbs through one door.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..paths import DATA_DIR, read_yaml

EVENTS_DIR = DATA_DIR / "events"

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
FUNCTION_CLASSES = ("@speech", "@intent", "@aspect", "@negate", "@light", "@stop", "@restore")
RIGHT_WINDOW = 10  # tokens after a verb searched for pattern words
LEFT_WINDOW = 4


@dataclass(frozen=True)
class Sense:
    """One reading of a trigger. ``event`` is a PLOVER type, a function class ("@light"), or "-"."""

    event: str
    mode: str = ""
    cameo: str = ""
    weight: float = 1.0
    role: str = ""  # host | target | foreign
    source: str = "cameo"  # cameo | curated | noun
    after: tuple[frozenset, ...] = ()
    before: tuple[frozenset, ...] = ()
    kind: str = ""  # nouns: act | attack | object | ultimatum | state

    @property
    def is_event(self) -> bool:
        return self.event in PLOVER_TYPES

    @property
    def function(self) -> str | None:
        return self.event if self.event.startswith("@") else None


def _items(text: str) -> tuple[frozenset, ...]:
    out = []
    for item in text.split():
        alts = set()
        for a in item.split("|"):
            a = a.lower()
            alts.add(a)
            if len(a) > 3 and a.endswith("s"):
                alts.add(a[:-1])
        out.append(frozenset(alts))
    return tuple(out)


def _rows(path: Path) -> list[dict]:
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass
class Lexicon:
    plover: dict[str, tuple[str, str, float]]  # CAMEO prefix -> (event, mode, weight)
    verb_default: dict[str, Sense] = field(default_factory=dict)  # lemma -> default sense
    verb_blocks: dict[str, list[str]] = field(default_factory=dict)  # lemma -> CAMEO blocks
    verb_patterns: dict[str, list[Sense]] = field(default_factory=dict)  # lemma -> curated/phrasal
    block_patterns: dict[str, list[Sense]] = field(default_factory=dict)  # block -> patterns
    block_default: dict[str, Sense] = field(default_factory=dict)  # curated @BLOCK overrides
    block_index: dict[str, dict[str, list[Sense]]] = field(default_factory=dict)  # block -> first word -> patterns
    disabled: set[str] = field(default_factory=set)  # verbs that are never triggers
    nouns: dict[str, list[tuple[tuple[str, ...], int, Sense]]] = field(default_factory=dict)
    cues: dict = field(default_factory=dict)

    # -- CAMEO -> PLOVER ------------------------------------------------------------------
    def from_cameo(self, code: str) -> tuple[str, str, float]:
        for n in range(len(code), 1, -1):
            hit = self.plover.get(code[:n])
            if hit:
                return hit
        return ("-", "", 0.0)

    def cue(self, name: str) -> frozenset:
        return self.cues.get(name, frozenset())

    # -- verbs ----------------------------------------------------------------------------
    def verb_sense(self, tok) -> Sense | None:
        """The sense of verb token ``tok`` in its phrase, or None when it is no trigger.

        Curated phrase patterns first, then (unless the verb is curated as "x" or as a
        function verb, whose CAMEO patterns are mostly WordNet noise) CAMEO's longer ones,
        then the defaults. A pattern coded "-" means: this phrase is no event.
        """
        lemma = self.verb_lemma(tok)
        default = self.verb_default.get(lemma)
        if lemma not in self.verb_patterns and (lemma in self.disabled or not self.verb_blocks.get(lemma)
                                                or (default is not None and default.function)):
            # no phrase can change this verb's sense: skip reading its phrase
            return None if lemma in self.disabled else self._default(lemma)
        right = _right_context(tok)
        words = set()
        for t in right:
            words.add(t.lower_)
            words.add(t.lemma_.lower())
        best, best_n = None, 0
        for s in self.verb_patterns.get(lemma, ()):
            if s.source != "curated" and lemma in self.disabled:
                continue
            if not (s.after[0] & words):
                continue
            n = _match(s.after, right)
            if n and n > best_n:
                best, best_n = s, n
        best_phrasal = best is not None  # a phrasal verb of its own ("back down", "rule out")
        default = self.verb_default.get(lemma)
        cameo_ok = lemma not in self.disabled and not (default is not None and default.function)
        if cameo_ok and words:
            curated_best = best_n
            for block in self.verb_blocks.get(lemma, ()):
                index = self.block_index.get(block)
                if not index:
                    continue
                cands = []
                for w in words:
                    cands.extend(index.get(w, ()))
                for s in cands:
                    n = _match(s.after, right)
                    # CAMEO patterns must be longer than a curated match to override it
                    if n and n > best_n and (n > curated_best or best is None):
                        if s.before and not _match(s.before, _left_context(tok)):
                            continue
                        best, best_n = s, n
        # a verb we curated as an event keeps its type: CAMEO's patterns may only refine it
        # ("deployed two warships to" is no CAMEO 0332 promise of aid; "refused to sign a
        # statement" no 016 denial)
        if best is not None and best.source == "cameo" and default is not None and not best_phrasal \
                and default.source == "curated" and default.is_event and best.event != default.event:
            best = None
        if best is not None and best.source == "cameo" and default is not None and default.source == "curated" \
                and default.role and not best.role and best.event == default.event:
            # "received the two ministers" (CAMEO "receive * minister"): the curated reading's
            # roles (the subject hosts) still hold for the refined phrase
            best = replace(best, role=default.role)
        if best is not None:
            return best if best.event != "-" else None
        if lemma in self.disabled:
            return None
        return self._default(lemma)

    def known_verb(self, lemma: str) -> bool:
        return lemma in self.verb_default or lemma in self.verb_blocks or lemma in self.verb_patterns \
            or lemma in self.disabled

    def verb_lemma(self, tok) -> str:
        """The token's lemma, repaired when the tagger's lemma is no verb we know and the form
        is a regular inflection of one: the md model lemmatises "staged" as "stag"."""
        lemma = tok.lemma_.lower()
        if self.known_verb(lemma) or tok.tag_ not in ("VBD", "VBN", "VBZ", "VBG"):
            return lemma
        low = tok.lower_
        if tok.tag_ == "VBZ":
            forms = (low[:-1], low[:-2]) if low.endswith("s") else ()
        elif tok.tag_ == "VBG":
            forms = (low[:-3], low[:-3] + "e", low[:-4]) if low.endswith("ing") else ()
        else:
            forms = (low[:-1], low[:-2], low[:-3]) if low.endswith("ed") else ()
        return next((f for f in forms if f and self.known_verb(f)), lemma)

    def _default(self, lemma: str) -> Sense | None:
        s = self.verb_default.get(lemma)
        if s is not None:
            return s if s.event != "-" else None
        for block in self.verb_blocks.get(lemma, ()):
            if block in self.block_default:
                s = self.block_default[block]
                return s if s.event != "-" else None
        return None

    # -- nouns ----------------------------------------------------------------------------
    def noun_sense(self, tok) -> tuple[Sense, int, int] | None:
        """(sense, start token index, end index) of the event noun at ``tok``, or None."""
        lemma = tok.lemma_.lower()
        entries = self.nouns.get(lemma) or self.nouns.get(tok.lower_)
        if not entries:
            return None
        doc = tok.doc
        for words, pos, sense in entries:  # longest first
            start = tok.i - pos
            if start < 0 or start + len(words) > len(doc):
                continue
            ok = True
            for k, w in enumerate(words):
                t = doc[start + k]
                if w not in (t.lower_, t.lemma_.lower()):
                    ok = False
                    break
            if ok:
                return sense, start, start + len(words)
        return None


_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "parataxis", "conj", "nsubj", "nsubjpass", "relcl", "acl",
                          "csubj", "appos"})


def _right_context(tok) -> list:
    """The words after a verb that belong to its own phrase: its objects and prepositions, not
    a clause hanging off them ("support a resolution that aims to tighten sanctions" must not
    match "support * sanctions")."""
    limit = tok.i + RIGHT_WINDOW
    keep = []
    stack = [c for c in tok.rights]
    while stack:
        t = stack.pop()
        if t.dep_ in _CLAUSE_DEPS or t.i > limit:
            continue
        keep.append(t)
        stack.extend(t.children)
    keep.sort(key=lambda t: t.i)
    out = []
    for t in keep:
        if t.i <= tok.i:
            continue
        if t.is_punct and t.text in ".;:!?":
            break
        out.append(t)
    return out


def _left_context(tok) -> list:
    doc = tok.doc
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    out = list(subj[0].subtree) if subj else []
    out.extend(doc[max(0, tok.i - LEFT_WINDOW): tok.i])
    return out


# A pattern that starts with one of these ("call on", "meet with", "hold off") is a phrasal
# verb: the word must come right after the verb (adverbs aside), not anywhere in the clause
# ("called Putin on Tuesday" is no "call on").
PARTICLES = frozenset({"on", "upon", "for", "with", "off", "out", "up", "down", "back", "over",
                       "to", "in", "into", "from", "by", "at", "against", "away", "through"})


def _match(items: tuple[frozenset, ...], toks: list) -> int:
    """Number of items matched in order over ``toks`` (gaps allowed), 0 unless all match."""
    if not items:
        return 0
    if items[0] & PARTICLES:
        first = next((t for t in toks if (t.pos_ != "ADV" or t.lower_ in items[0]) and t.dep_ != "npadvmod"
                      and t.ent_type_ not in ("DATE", "TIME")), None)  # "pulled back": the particle tagged ADV
        if first is None or not (first.lower_ in items[0] or first.lemma_.lower() in items[0]):
            return 0
    k = 0
    for t in toks:
        if t.lower_ in items[k] or t.lemma_.lower() in items[k]:
            k += 1
            if k == len(items):
                return k
    return 0


@lru_cache(maxsize=1)
def load() -> Lexicon:
    plover = {}
    for r in _rows(EVENTS_DIR / "cameo_plover.tsv"):
        plover[r["cameo"]] = (r["event"], r["mode"] or "", float(r["weight"] or 1))
    lex = Lexicon(plover=plover)

    def sense_for(code: str, source: str, **kw) -> Sense:
        ev, mode, w = ("-", "", 0.0) if code.startswith("-") else lex.from_cameo(code)
        return Sense(ev, kw.pop("mode", None) or mode, code, w, source=source, **kw)

    for r in _rows(EVENTS_DIR / "cameo_verbs.tsv"):
        v = r["verb"]
        lex.verb_blocks.setdefault(v, [])
        if r["block"] not in lex.verb_blocks[v]:
            lex.verb_blocks[v].append(r["block"])
        if r["rest"]:
            lex.verb_patterns.setdefault(v, []).append(
                sense_for(r["cameo"], "cameo", after=_items(r["rest"])))
        elif v not in lex.verb_default:
            lex.verb_default[v] = sense_for(r["cameo"], "cameo")
    for r in _rows(EVENTS_DIR / "cameo_patterns.tsv"):
        code = r["cameo"]
        s = sense_for(code, "cameo", after=_items(r["after"]), before=_items(r["before"]),
                      role="target" if r["reverse"] == "1" else "")
        lex.block_patterns.setdefault(r["block"], []).append(s)

    for block, pats in lex.block_patterns.items():
        idx: dict[str, list[Sense]] = {}
        for s in pats:
            if s.after:
                for w in s.after[0]:
                    idx.setdefault(w, []).append(s)
        lex.block_index[block] = idx
    cameo_defaults = dict(lex.verb_default)
    for r in _rows(EVENTS_DIR / "verbs_curated.tsv"):
        v, ev = r["verb"], r["event"]
        if v.startswith("@"):
            block = v[1:]
            lex.block_default[block] = Sense(ev, source="curated")
            # the block's verbs fall back to the block override, not to CAMEO's default
            for verb, blocks in lex.verb_blocks.items():
                if block in blocks and cameo_defaults.get(verb) is lex.verb_default.get(verb):
                    lex.verb_default.pop(verb, None)
            continue
        if ev == "x" and not r["after"]:
            lex.disabled.add(v)
            lex.verb_default.pop(v, None)
            continue
        weight = 1.0
        if ev in PLOVER_TYPES and r["cameo"]:
            weight = lex.from_cameo(r["cameo"])[2] or 1.0
            weight = max(weight, 0.9)
        s = Sense(ev, r["mode"] or "", r["cameo"] or "", weight, role=r["role"] or "",
                  source="curated", after=_items(r["after"] or ""))
        if r["after"]:
            lex.verb_patterns.setdefault(v, []).insert(0, s)
        else:
            lex.verb_default[v] = s
            lex.verb_blocks.setdefault(v, [])

    for r in _rows(EVENTS_DIR / "nouns.tsv"):
        words = tuple(r["noun"].lower().split())
        s = Sense(r["event"], r["mode"] or "", r["cameo"] or "", 1.0, source="noun", kind=r["kind"],
                  role=r.get("role") or "")
        # multi-word entries are keyed by their head: the last word ("drone attack"), or the
        # word before "of" ("state of emergency")
        pos = words.index("of") - 1 if "of" in words else len(words) - 1
        lex.nouns.setdefault(words[pos], []).append((words, pos, s))
    for v in lex.nouns.values():
        v.sort(key=lambda e: -len(e[0]))

    raw = read_yaml(EVENTS_DIR / "cues.yaml")
    cues: dict = {}
    for k, v in raw.items():
        if isinstance(v, list):
            cues[k] = frozenset(str(x).lower() for x in v)
        elif isinstance(v, dict) and all(isinstance(x, list) and len(x) == 3 for x in v.values()):
            cues[k] = {kk: tuple(vv) for kk, vv in v.items()}
        elif isinstance(v, dict):
            cues[k] = {kk: tuple(vv) for kk, vv in v.items()}
        else:
            cues[k] = v
    lex.cues = cues
    return lex
