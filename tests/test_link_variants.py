"""Quote variants: wordings of one statement grouped, with the differing words shown."""
from __future__ import annotations

import json

from linkkit import ingest, record
from wiresift.link.text import censor_match, quote_tokens
from wiresift.link.variants import diff, quoted_words
from wiresift.store import Store

TRUMP = ("p:donald-trump", "Donald Trump", "USA", "Trump")
PUTIN = ("p:vladimir-putin", "Vladimir Putin", "RUS", "Putin")


def test_censored_words_match_the_word_they_hide():
    assert censor_match("bulls**t", "bullshit")
    assert censor_match("sh*t", "shit")
    assert not censor_match("sh*t", "shot!")
    assert not censor_match("bulls**t", "bullseye")


def test_percent_spellings_fold():
    assert [n for n, _ in quote_tokens("10%")] == ["10", "percent"]
    assert [n for n, _ in quote_tokens("10 per cent")] == ["10", "percent"]
    assert [n for n, _ in quote_tokens("10 percent")] == ["10", "percent"]


def test_diff_names_each_kind_of_difference():
    rel, score, d = diff("We get a lot of bullshit thrown at us by Putin.",
                         "We get a lot of bulls**t thrown at us by Putin, if you want to know the truth")
    assert rel == "shorter" and score == 1.0
    assert {"kind": "censored", "a": "bullshit", "b": "bulls**t"} in d
    assert any(x["kind"] == "extra" and "truth" in x["b"] for x in d)
    rel, _, d = diff("believed me 10%", "He believed me 10 percent")
    assert rel == "shorter" and any(x["kind"] == "number" for x in d)
    rel, _, d = diff("I’m not happy with him", "I'm not happy with him")
    assert rel == "same" and d == [{"kind": "typography", "a": "I’m", "b": "I'm"}]


def test_mixed_quotes_compare_only_their_quoted_words():
    assert quoted_words({"kind": "mixed", "content": 'that he thought Putin "believed me 10%"'}) == "believed me 10%"
    assert quoted_words({"kind": "indirect", "content": "that he was unhappy"}) is None


def test_variants_group_across_articles_with_speaker_kept(tmp_path):
    s = Store(tmp_path / "q.duckdb")
    q1 = "We get a lot of bullshit thrown at us by Putin."
    q2 = "We get a lot of bulls**t thrown at us by Putin, if you want to know the truth, he's very nice all the time"
    t1 = f"At a cabinet meeting Trump said: \u201c{q1}\u201d He said sanctions were under consideration."
    t2 = f"Speaking about the call, Trump said: \u201c{q2}\u201d The Kremlin did not respond."
    other = "We get a lot of criticism thrown at us by the press."
    t3 = f"A different speaker, Putin, said: \u201c{other}\u201d"
    ingest(s, [record("a1", t1, "2025-07-09", actors=[TRUMP, PUTIN], quotes=[("p:donald-trump", q1, "direct")]),
               record("a2", t2, "2025-07-09", actors=[TRUMP, PUTIN], quotes=[("p:donald-trump", q2, "direct")]),
               record("a3", t3, "2025-07-09", actors=[TRUMP, PUTIN], quotes=[("p:vladimir-putin", other, "direct")])])
    with s.read() as con:
        groups = con.execute("SELECT id, speaker_id, n_quotes, n_articles, canonical FROM quote_groups ORDER BY n_quotes DESC").fetchall()
        rows = con.execute("SELECT article_id, relation, diff FROM quote_variants WHERE group_id = ?", [groups[0][0]]).fetchall()
    assert groups[0][1:4] == ("p:donald-trump", 2, 2)
    assert groups[0][4] == q2  # the longest wording is the canonical one
    assert all(g[2] == 1 for g in groups[1:])  # Putin's different sentence stays apart
    short = next(json.loads(d) for a, rel, d in rows if a == "a1")
    assert {"kind": "censored", "a": "bullshit", "b": "bulls**t"} in short
