"""Faster drop-ins for two spaCy components, with the same output.

spaCy's ``attribute_ruler`` runs a Matcher with ~180 patterns over every token, and its rule
``lemmatizer`` walks the document one Python ``Token`` at a time; together they cost about as
much as the dependency parser (~4.5 ms of ~30 ms per wire article with en_core_web_md). Almost
all of that work repeats: nearly every attribute-ruler pattern is one token long, so which rules
fire on a token depends only on its tag, lower-case form, dependency label and whether it is
space, and the lemmatizer already caches by (orth, POS, morphology). The versions here compute
each distinct case once per process and write the results with one ``Doc.from_array``.

They keep the stock semantics exactly:

* attribute ruler: all patterns are matched on the attributes the document had *before* the
  ruler ran, then applied in rule order, later rules overriding earlier ones attribute by
  attribute (spaCy sorts matches by rule id and applies them in turn). The 8 patterns of two
  tokens ("gon na", "let 's", "there is" ...) are matched from the same per-shape cache; a
  pattern with an operator or another key would stay with a spaCy Matcher.
* lemmatizer: tokens whose lemma is already set are left alone (unless ``overwrite``), cache
  hits come from the component's own cache, misses call the component's own ``lemmatize``.

``tests/test_fast_components.py`` compares every token attribute with the stock components.
Set ``WIRESIFT_STOCK_SPACY=1`` to run the stock components instead (bench/throughput.py's bare
side always does).
"""
from __future__ import annotations

import os
import re

import numpy as np
from spacy.errors import Errors
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer

# The pattern keys evaluated here; a pattern using any other key (or an operator) stays with
# spaCy's Matcher.
_KEYS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_OUT = (TAG, POS, MORPH, LEMMA, DEP)  # the attributes rules may set, in from_array order
_COL = {a: k for k, a in enumerate(_OUT)}


def _condition(value):
    """A predicate on a token attribute (string or bool) for one pattern value, or None when
    the value uses an operator this module does not evaluate."""
    if isinstance(value, (str, bool)):
        return lambda x: x == value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            s = set(arg)
            return lambda x: x in s
        if op == "NOT_IN":
            s = set(arg)
            return lambda x: x not in s
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda x: bool(rx.search(x))
    return None


def _compile(pattern):
    """[(key, predicate) per token position] for a pattern this module can evaluate, or None
    (operators, other keys): such patterns stay with a spaCy Matcher."""
    out = []
    for spec in pattern:
        if "OP" in spec:
            return None
        conds = []
        for key, value in spec.items():
            cond = _condition(value) if key in _KEYS else None
            if cond is None:
                return None
            conds.append((key, cond))
        out.append(conds)
    return out


class FastAttributeRuler(AttributeRuler):
    """AttributeRuler that decides every pattern position once per distinct token shape
    (tag, lower-case form, dependency label, is-space) and caches the result."""

    def _prepare(self):
        self._strings = self.vocab.strings
        self._single: list[tuple[int, list]] = []  # (rule id, conditions), in rule order
        self._multi: list[tuple[int, int, list]] = []  # (rule id, index, conditions per position)
        self._fallback = Matcher(self.vocab, validate=False)
        self._has_fallback = False
        exact: dict[int, dict] = {}  # single pattern -> the attributes it requires verbatim
        for rule_id in range(len(self.attrs)):
            index = self.indices[rule_id]
            for pattern in self.matcher.get(str(rule_id))[1]:
                comp = _compile(pattern)
                if comp is None or not -len(comp) <= index < len(comp):
                    self._fallback.add(str(rule_id), [pattern])
                    self._has_fallback = True
                elif len(comp) == 1:
                    self._single.append((rule_id, comp[0]))
                    exact[len(self._single) - 1] = {k: v for k, v in pattern[0].items() if isinstance(v, str)}
                else:
                    self._multi.append((rule_id, index, comp))
        # One-token rules filed under the exact lower-case form or tag they require, so a new
        # shape is tested against a few candidates, not every rule.
        self._by_lower: dict[str, list] = {}
        self._by_tag: dict[str, list] = {}
        self._general: list = []
        for k, (rule_id, conds) in enumerate(self._single):
            if "LOWER" in exact[k]:
                self._by_lower.setdefault(exact[k]["LOWER"], []).append((rule_id, conds))
            elif "TAG" in exact[k]:
                self._by_tag.setdefault(exact[k]["TAG"], []).append((rule_id, conds))
            else:
                self._general.append((rule_id, conds))
        # bit of (multi pattern k, position j) in a shape's mask
        self._bits = [[1 << b for b in range(sum(len(c) for _, _, c in self._multi[:k]),
                                            sum(len(c) for _, _, c in self._multi[:k + 1]))]
                      for k in range(len(self._multi))]
        self._cache: dict[tuple, tuple] = {}
        self._prepared = len(self.attrs)

    def _shape(self, key: tuple) -> tuple:
        """(attributes the one-token rules set or None, rule ids that set them, bit mask of the
        multi-token pattern positions this shape satisfies)."""
        s = self._strings
        tag, lower, dep, space = key
        values = {"TAG": s[tag] if tag else "", "LOWER": s[lower] if lower else "",
                  "DEP": s[dep] if dep else "", "IS_SPACE": bool(space)}
        candidates = sorted(self._by_lower.get(values["LOWER"], []) + self._by_tag.get(values["TAG"], [])
                            + self._general, key=lambda rc: rc[0])
        ids = [r for r, conds in candidates if all(c(values[k]) for k, c in conds)]
        mask = 0
        for (_, _, comp), bits in zip(self._multi, self._bits):
            for conds, bit in zip(comp, bits):
                if all(c(values[k]) for k, c in conds):
                    mask |= bit
        merged: dict = {}
        for r in ids:
            merged.update(self.attrs[r])
        return merged or None, ids, mask

    def __call__(self, doc):
        if getattr(self, "_prepared", None) != len(self.attrs):
            self._prepare()
        n = len(doc)
        if not n:
            return doc
        cache = self._cache
        shapes = []
        for key in map(tuple, doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()):
            hit = cache.get(key)
            if hit is None:
                hit = cache[key] = self._shape(key)
            shapes.append(hit)
        changes = {i: sh[0] for i, sh in enumerate(shapes) if sh[0]}
        late: dict[int, set] = {}  # token -> multi-token (or fallback) rules that fire on it
        for (rule_id, index, comp), bits in zip(self._multi, self._bits):
            first, length = bits[0], len(comp)
            for i in range(n - length + 1):
                if shapes[i][2] & first and all(shapes[i + j][2] & bits[j] for j in range(1, length)):
                    late.setdefault(i + index if index >= 0 else i + length + index, set()).add(rule_id)
        if self._has_fallback:
            for match_id, start, end in self._fallback(doc, allow_missing=True):
                rule_id = int(self._strings[match_id])
                index = self.indices[rule_id]
                late.setdefault(start + index if index >= 0 else end + index, set()).add(rule_id)
        # A multi-token rule overrides the one-token rules before it and yields to those after
        # it, as in spaCy (matches applied in rule order): merge, per token, in rule order.
        for i, rules in late.items():
            merged: dict = {}
            for rule_id in sorted(rules | set(shapes[i][1])):
                merged.update(self.attrs[rule_id])
            changes[i] = merged
        if not changes:
            return doc
        cur = doc.to_array(list(_OUT)).astype(np.uint64)
        for i, attrs in changes.items():
            for attr, value in attrs.items():
                if attr in _COL:
                    cur[i, _COL[attr]] = value
        doc.from_array(list(_OUT), cur)
        return doc


class FastLemmatizer(Lemmatizer):
    """Lemmatizer that reads its cache from token arrays instead of one Token per word."""

    def __call__(self, doc):
        if self.mode != "rule":
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        out = arr[:, 3].astype(np.uint64)
        cache = self.cache
        strings = self.vocab.strings
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
            if lemma and not self.overwrite:
                continue
            forms = cache.get((orth, pos, morph))
            if forms is None:
                forms = self.lemmatize(doc[i])
            out[i] = strings.add(forms[0])
            changed = True
        if changed:
            doc.from_array([LEMMA], out)
        return doc


def speed_up(nlp):
    """Swap the stock attribute ruler and rule lemmatizer of ``nlp`` for the versions above (in
    place; same objects, same state) unless ``WIRESIFT_STOCK_SPACY`` is set."""
    if os.environ.get("WIRESIFT_STOCK_SPACY"):
        return nlp
    for _, proc in nlp.pipeline:
        if type(proc) is AttributeRuler:
            proc.__class__ = FastAttributeRuler
        elif isinstance(proc, Lemmatizer) and not isinstance(proc, FastLemmatizer):
            proc.__class__ = type("Fast" + type(proc).__name__, (FastLemmatizer, type(proc)), {})
    return nlp
