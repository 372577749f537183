"""The shortcuts the throughput work took must give what the long way gives."""
from __future__ import annotations

import numpy as np
from datasketch import MinHash

from wiresift.parse import doc_text, make_doc, text_of
from wiresift.records import Section
from wiresift.store import Store

TEXT = ("Storm Warning Issued\n\nThe harbour master closed the port on Tuesday.  Fishermen, he said, "
        "\"must stay ashore until Friday\".\n\nCaption without a stop\nCouncil members met at noon.")


def _sections(text):
    # a heading, a body paragraph and a caption-like line, as the cleaner would give them
    a = text.index("The harbour")
    b = text.index("Caption")
    c = text.index("Council")
    return [Section(0, a - 2, "heading"), Section(a, b - 2, "body"), Section(b, c - 1, "caption"),
            Section(c, len(text), "body")]


def _old_make_doc(nlp, text, sections):
    """make_doc as it was: a loop over every token (the reference for the array version)."""
    doc = nlp.make_doc(text)
    starts = sorted(s.start for s in sections if s.kind in ("heading", "body", "caption"))
    j = 0
    for tok in doc:
        while j < len(starts) and starts[j] < tok.idx:
            j += 1
        if j < len(starts) and starts[j] == tok.idx and tok.i > 0:
            tok.is_sent_start = True
    return doc


def test_make_doc_marks_the_same_section_starts_as_the_token_loop(nlp_sm):
    secs = _sections(TEXT)
    new, old = make_doc(nlp_sm, TEXT, secs), _old_make_doc(nlp_sm, TEXT, secs)
    assert [t.is_sent_start for t in new] == [t.is_sent_start for t in old]
    for word in ("The", "Caption", "Council"):  # the first token of each later section
        i = next(t.i for t in new if t.idx == TEXT.index(word))
        assert new[i].is_sent_start
    # a section that starts inside a token marks nothing
    assert [t.is_sent_start for t in make_doc(nlp_sm, TEXT, [Section(3, 10, "body")])] == \
        [t.is_sent_start for t in nlp_sm.make_doc(TEXT)]


def test_doc_text_and_text_of_equal_what_spacy_rebuilds(nlp_sm):
    doc = nlp_sm(make_doc(nlp_sm, TEXT, _sections(TEXT)))
    assert doc_text(doc) == doc.text == TEXT
    for span in list(doc.sents) + list(doc.ents) + [doc[2:9], doc[0:0]]:
        assert text_of(span) == span.text
    # a Doc not made by make_doc, and anything else with a .text, still work
    plain = nlp_sm("Two words.")
    assert doc_text(plain) == "Two words."


def test_minhash_with_shared_permutations_gives_the_same_signature():
    from wiresift.link.copies import SEED, _permutations

    shingles = [b"the harbour master", b"harbour master closed", b"master closed the"]
    ref = MinHash(num_perm=126, seed=SEED)
    ref.update_batch(shingles)
    fast = MinHash(num_perm=126, seed=SEED, **_permutations(126))
    fast.update_batch(shingles)
    assert np.array_equal(ref.hashvalues, fast.hashvalues)
    assert _permutations(126) is _permutations(126)


def test_write_with_one_thread_sets_it_for_that_connection_only(tmp_path):
    store = Store(tmp_path / "t.duckdb")
    store.migrate()
    with store.write(threads=1) as con:
        assert con.execute("SELECT current_setting('threads')").fetchone()[0] == 1
    with store.write() as con:
        assert con.execute("SELECT current_setting('threads')").fetchone()[0] >= 1


def test_rewriting_stored_articles_still_replaces_their_rows(tmp_path):
    """delete_articles skips articles the store does not hold; those it holds lose every row."""
    from wiresift.records import Article
    from wiresift.store.writer import write_batch

    store = Store(tmp_path / "w.duckdb")
    store.migrate()
    art = Article(id="a1", text="Ministers met.", content_hash="h1")
    res = {"sections": [{"start": 0, "end": 14, "kind": "body"}], "sentences": [{"start": 0, "end": 14}],
           "entities": [{"start": 0, "end": 9, "text": "Ministers", "label": "NORP"}],
           "events": [{"type": "CONSULT", "actor": [], "recipient": [], "evidence": {"start": 0, "end": 14}}]}
    for _ in range(3):
        with store.write() as con:
            write_batch(con, [(art, res, None)], [])
    for table in ("articles", "sections", "sentences", "entities", "events"):
        assert store.scalar(f"SELECT count(*) FROM {table}") == 1, table


def test_parallel_pipe_after_warm_up_matches_one_process():
    import multiprocessing as mp

    from wiresift.pipeline import Pipeline

    recs = [{"id": str(i), "text": f"President Jane Roe of Freedonia met Prime Minister John Doe in Paris on "
                                     f"Monday, {i + 2} days after the talks. \"We agreed,\" Roe said."}
            for i in range(5)]
    p = Pipeline("sm")
    one = list(p.pipe(recs, workers=1))
    assert list(p.pipe(recs, workers=2)) == one
    if "fork" in mp.get_all_start_methods():
        assert p._warm  # the parent warmed up before forking its workers


def test_read_yaml_gives_what_the_pure_python_parser_gives():
    import yaml

    from wiresift.paths import DATA_DIR, read_yaml

    files = sorted(DATA_DIR.rglob("*.yaml"))
    assert files
    for f in files:
        assert read_yaml(f) == yaml.safe_load(f.read_text(encoding="utf-8")), f
