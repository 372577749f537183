"""The faster attribute ruler and lemmatizer give exactly what spaCy's stock components give."""
from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, ORTH, POS, TAG

from wiresift.parse.fast_components import FastAttributeRuler, FastLemmatizer, speed_up
from wiresift.parse.models import _resolve
from wiresift.paths import DATA_DIR

ATTRS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD]
# Every two-token rule of the English pipelines, spaces, and the usual wire text.
TRICKY = [
    "Y'all gonna see it, let's go, c'mon, we gotta leave. He ain't here and they aren't either.",
    "There is a deal. There are talks; there's hope.  \n\n  Were there any? It is, isn't it?",
    "Moscow's envoy, Kirill Dmitriev, met U.S. officials on Aug. 15, 2025, in Anchorage.",
]


def _texts() -> list[str]:
    samples = sorted((DATA_DIR / "samples").glob("*.txt"))
    return TRICKY + [p.read_text(encoding="utf-8") for p in samples]


def _same(a, b) -> bool:
    return (np.array_equal(a.to_array(ATTRS), b.to_array(ATTRS))
            and [str(t.morph) for t in a] == [str(t.morph) for t in b]
            and [t.lemma_ for t in a] == [t.lemma_ for t in b])


def test_fast_components_match_stock_spacy_on_the_samples():
    stock = spacy.load(_resolve("sm"))
    fast = speed_up(spacy.load(_resolve("sm")))
    kinds = {type(p).__mro__[0] for _, p in fast.pipeline}
    assert FastAttributeRuler in kinds and any(issubclass(k, FastLemmatizer) for k in kinds)
    texts = _texts()
    assert len(texts) > 10
    # twice: the second pass reads the caches the first one filled
    for _ in range(2):
        for a, b in zip(stock.pipe(texts), fast.pipe(texts)):
            assert _same(a, b), a.text[:80]


def test_rule_order_operators_and_fallback_match_stock():
    """Later rules win attribute by attribute; multi-token rules with an index, REGEX, IN and
    NOT_IN are evaluated here; a pattern with an operator falls back to spaCy's Matcher."""
    patterns = [
        {"patterns": [[{"LOWER": "talks"}]], "attrs": {"POS": "NOUN", "LEMMA": "talk"}},
        {"patterns": [[{"LOWER": {"REGEX": "^ta"}}]], "attrs": {"POS": "VERB"}},
        {"patterns": [[{"LOWER": "peace"}, {"LOWER": "talks"}]], "attrs": {"LEMMA": "peace-talk"}, "index": -1},
        {"patterns": [[{"LOWER": {"NOT_IN": ["peace", "talks"]}}]], "attrs": {"MORPH": "Number=Sing"}},
        {"patterns": [[{"LOWER": "very", "OP": "+"}, {"LOWER": "long"}]], "attrs": {"POS": "ADV"}, "index": 0},
        {"patterns": [[{"LOWER": {"IN": ["the", "a"]}}, {"IS_SPACE": False}]], "attrs": {"POS": "DET"}},
    ]
    docs = []
    for fast in (False, True):
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("attribute_ruler")
        ruler.add_patterns(patterns)
        if fast:
            speed_up(nlp)
            assert type(nlp.get_pipe("attribute_ruler")) is FastAttributeRuler
        docs.append([nlp(t) for t in ("The peace talks took a very very long time.", "Talks, talks.", "")])
    for a, b in zip(*docs):
        assert _same(a, b)
    assert docs[1][0][2].lemma_ == "peace-talk" and docs[1][0][2].pos_ == "VERB"


def test_stock_components_on_request(monkeypatch):
    monkeypatch.setenv("WIRESIFT_STOCK_SPACY", "1")
    nlp = speed_up(spacy.blank("en"))
    nlp.add_pipe("attribute_ruler")
    speed_up(nlp)
    assert type(nlp.get_pipe("attribute_ruler")) is not FastAttributeRuler


@pytest.mark.parametrize("text", ["", " ", "\n\n"])
def test_empty_and_space_only_documents(text):
    stock = spacy.load(_resolve("sm"))
    fast = speed_up(spacy.load(_resolve("sm")))
    assert _same(stock(text), fast(text))
