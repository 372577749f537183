"""Cleaning: typed sections with offsets, on variants we write and on the real seeds."""
from __future__ import annotations

import datetime as dt
import os

import pytest
import yaml

from wiresift.clean import nlp_text, parse_header, segment
from wiresift.clean.paragraphs import is_hard_wrapped, paragraphs
from wiresift.paths import REPO_DIR
from wiresift.records import NLP_KINDS


def kinds(text: str) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start:s.end]) for s in segment(text).sections]


def of_kind(text: str, kind: str) -> list[str]:
    return [t for k, t in kinds(text) if k == kind]


# -- header ---------------------------------------------------------------------------------

def test_header_is_a_span_and_the_rest_of_the_line_is_story():
    text = " date 2025-08-15 Leaders met in Anchorage on Friday.\n\nMore text follows."
    seg = segment(text)
    assert seg.published == dt.date(2025, 8, 15)
    assert (seg.sections[0].kind, text[seg.sections[0].start:seg.sections[0].end]) == ("header", "date 2025-08-15")
    assert of_kind(text, "body")[0] == "Leaders met in Anchorage on Friday."


def test_bad_header_date_is_reported_not_guessed():
    h = parse_header("date 2025-13-40 Something happened.")
    assert h.published is None and "bad date" in h.error


def test_a_sentence_starting_with_date_is_not_a_header():
    assert parse_header("Date palms grew in the oasis.") is None
    assert segment("Date palms grew in the oasis.").published is None


# -- credits and captions -----------------------------------------------------------------

@pytest.mark.parametrize("credit", [
    "Jane Doe/Getty Images",
    "MIKHAIL KLIMENTYEV/POOL/AFP via Getty Images",
    "Li Wei/Xinhua News Agency/VCG via Getty Images",
    "ANNA SMITH/Pool via REUTERS",
    "(Image: Getty )",
    "(Photo: AFP)",
    "(AP Photo/Evan Vucci)",
])
def test_trailing_photo_credits_become_credit_sections(credit):
    text = f"Foreign ministers meet in Geneva on Monday. {credit}\n\nThe talks lasted six hours."
    assert of_kind(text, "credit") == [credit]
    assert credit not in nlp_text(text, segment(text).sections)


def test_agency_picture_number_and_rights_line_are_credits():
    text = ("epa11223344 Ukrainian President Volodymyr Zelensky (L) and Polish President Andrzej Duda (R) "
            "arrive for talks in Warsaw, Poland, 03 March 2024. EPA/PIOTR NOWAK / POOL MAXPPP OUT\n\n"
            "The two leaders discussed grain exports.")
    assert of_kind(text, "credit") == ["epa11223344", "EPA/PIOTR NOWAK / POOL MAXPPP OUT"]
    assert of_kind(text, "caption")[0].startswith("Ukrainian President Volodymyr Zelensky (L)")


def test_caption_without_final_stop_before_labelled_credit():
    text = "The minister is said to have walked out of the room (Image: PA )\nThe meeting resumed later."
    assert of_kind(text, "caption") == ["The minister is said to have walked out of the room"]


def test_byline_line_is_a_credit_but_a_by_sentence_is_not():
    text = "Ministers agreed on a grain deal.\n\n(Reporting by Jane Roe; Editing by John Doe)"
    assert of_kind(text, "credit") == ["(Reporting by Jane Roe; Editing by John Doe)"]
    text2 = "By the end of the week, ministers had agreed on a grain deal.\n\nMore followed."
    assert of_kind(text2, "credit") == []


def test_slashes_in_story_text_are_not_credits():
    text = "A Reuters/Ipsos poll found support fell to 40% this month.\n\nThe survey ran online."
    assert of_kind(text, "credit") == []
    text2 = "Turnout was about 50/50 in the border regions, officials said.\n\nCounting continues."
    assert of_kind(text2, "credit") == []


def test_present_tense_caption_vs_past_tense_paragraph_with_credit(nlp_sm):
    from wiresift.pipeline import Pipeline

    p = Pipeline("sm", extractors=["entities"])
    text = ("Officials gathered in Riyadh on Tuesday.\n\n"
            "Secretary of State Marco Rubio shakes hands with a Saudi official in Riyadh. John Smith/Getty Images\n\n"
            "The delegations had spent weeks preparing the meeting. Mary Major/AFP via Getty Images\n\n"
            "Talks continue on Wednesday.")
    out = p({"id": "x", "text": text})
    got = [(s["kind"], text[s["start"]:s["end"]]) for s in out["sections"]]
    assert ("caption", "Secretary of State Marco Rubio shakes hands with a Saudi official in Riyadh.") in got
    assert ("body", "The delegations had spent weeks preparing the meeting.") in got
    assert ("credit", "Mary Major/AFP via Getty Images") in got


# -- headings, tags, unrelated ---------------------------------------------------------------

def test_headings_tags_and_unrelated_trailing_headlines():
    text = ("Ceasefire talks resumed in Cairo on Sunday, mediators said.\n\n"
            "gaza ceasefire talks\n\n"
            "Mediators Push for a Second Phase\n\n"
            "Egyptian and Qatari officials shuttled between the delegations.\n\n"
            "Tags: Gaza, Israel, Hamas\n\n"
            "Advertisement\n\n"
            "Floods Hit Northern Italy After Days of Rain.\n"
            "Central Bank Holds Rates Steady.")
    assert of_kind(text, "heading") == ["Mediators Push for a Second Phase"]
    assert of_kind(text, "tag") == ["gaza ceasefire talks", "Tags: Gaza, Israel, Hamas", "Advertisement"]
    assert of_kind(text, "unrelated") == ["Floods Hit Northern Italy After Days of Rain.", "Central Bank Holds Rates Steady."]
    assert of_kind(text, "body") == ["Ceasefire talks resumed in Cairo on Sunday, mediators said.",
                                     "Egyptian and Qatari officials shuttled between the delegations."]


def test_read_more_marker_makes_following_headlines_unrelated():
    text = ("The summit ended without a joint statement.\n"
            "Read more: Oil Prices Rise on Supply Fears\n"
            "Officials said another round is planned.")
    assert of_kind(text, "unrelated") == ["Read more: Oil Prices Rise on Supply Fears"]
    assert "Officials said another round is planned." in of_kind(text, "body")


def test_a_story_of_only_headline_like_lines_keeps_them():
    text = "Talks End Without Deal"
    assert of_kind(text, "unrelated") == []


# -- layout ------------------------------------------------------------------------------------

def test_hard_wrapped_text_keeps_sentences_whole():
    text = ("The ministers met for three hours in Geneva on Monday and agreed to\n"
            "meet again next month, according to a statement released after the\n"
            "talks ended late in the evening.\n\n"
            "Neither side gave details of the proposals that were discussed at\n"
            "the meeting, which was the first in more than a year between the\n"
            "two governments.\n")
    assert is_hard_wrapped(text)
    ps = paragraphs(text)
    assert len(ps) == 2
    cleaned = nlp_text(text, segment(text).sections, wrapped=True)
    assert len(cleaned) == len(text)
    assert "agreed to meet again" in cleaned


def test_one_paragraph_per_line_layout():
    text = "First paragraph here.\nSecond paragraph here.\nThird one."
    assert not is_hard_wrapped(text)
    assert len(paragraphs(text)) == 3


def test_cleaned_text_has_same_length_and_offsets():
    text = " date 2025-01-02 Story starts. Jane Doe/Getty Images\n\nalaska talks trump\n\nMore story."
    seg = segment(text)
    cleaned = nlp_text(text, seg.sections)
    assert len(cleaned) == len(text)
    for s in seg.sections:
        if s.kind in NLP_KINDS:
            assert cleaned[s.start:s.end] == text[s.start:s.end]
        else:
            assert not cleaned[s.start:s.end].strip()


def test_sections_are_ordered_and_disjoint():
    text = "A. Jane Doe/Getty Images\nB heading Here\nC is body text that ends.\nalaska talks"
    secs = segment(text).sections
    for a, b in zip(secs, secs[1:]):
        assert a.end <= b.start


# -- the real seeds (skips without ../shared) -----------------------------------------------

def test_seeds_meet_the_cleaning_gold(shared):
    from wiresift.eval.seeds import evaluate
    from wiresift.pipeline import Pipeline

    result = evaluate(pipeline=Pipeline("sm", extractors=["entities"]), across=False)
    cleaning = {"noise", "captions", "headings", "published"}
    rows = [(d["file"], r) for d in result["docs"] for r in d["rows"] if r["part"] in cleaning]
    assert {r["part"] for _, r in rows} == cleaning
    bad = [(f, r) for f, r in rows if not r["ok"]]
    assert not bad


# -- the bundled sample corpus, annotated by hand --------------------------------------------

def _sample_gold():
    path = REPO_DIR / "tests" / "data" / "samples_gold.yaml"
    if not path.exists():
        pytest.skip("no sample gold")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_sample_corpus_sections_match_annotations():
    from wiresift.ingest import read_articles
    from wiresift.paths import DATA_DIR
    from wiresift.records import Article

    gold = _sample_gold()
    arts = [a for a in read_articles([str(DATA_DIR / "samples")]) if isinstance(a, Article)]
    by_file: dict = {}
    for a in arts:
        by_file.setdefault(a.origin.rsplit("/", 1)[-1], []).append(a)
    problems = []
    for g in gold["documents"]:
        cands = by_file.get(g["file"], [])
        if "id" in g:
            cands = [a for a in cands if a.source_id == str(g["id"])]
        assert cands, f"{g['file']} {g.get('id', '')} not read"
        text = cands[0].text
        secs = segment(text).sections
        # HTML extraction already drops page furniture and figures: what is not in the
        # extracted text cannot leak into the NLP, so it needs no section of its own.
        present = (lambda s: s in text) if g["file"].endswith(".html") else (lambda s: True)
        found = {k: [text[s.start:s.end] for s in secs if s.kind == k] for k in ("credit", "tag", "unrelated", "heading", "caption")}
        cleaned = nlp_text(text, secs)
        for s in g.get("noise", []):
            if s in cleaned:
                problems.append((g["file"], "noise left in text", s))
        for key, kind in (("credits", "credit"), ("tags", "tag"), ("unrelated", "unrelated"), ("headings", "heading")):
            for s in g.get(key, []):
                if present(s) and s not in found[kind]:
                    problems.append((g["file"], f"{kind} not found", s))
        for s in g.get("captions", []):
            if present(s) and s not in found["caption"] and not any(s in c for c in found["caption"]):
                problems.append((g["file"], "caption not found", s))
    assert not problems, "\n".join(map(str, problems))


def test_sample_captions_after_the_parse(nlp_sm):
    """Present-tense photo captions stay captions; past-tense paragraphs with a credit turn body."""
    from wiresift.ingest import read_articles
    from wiresift.paths import DATA_DIR
    from wiresift.pipeline import Pipeline
    from wiresift.records import Article

    gold = {g["file"]: g for g in _sample_gold()["documents"] if not g["file"].endswith((".jsonl", ".html"))}
    arts = [a for a in read_articles([str(DATA_DIR / "samples")]) if isinstance(a, Article) and a.format == "text"]
    results = Pipeline(os.environ.get("WIRESIFT_TEST_MODEL", "sm"), extractors=["entities"]).pipe([a.as_input() for a in arts])
    problems = []
    for a, res in zip(arts, results):
        g = gold[a.origin.rsplit("/", 1)[-1]]
        caps = [a.text[s["start"]:s["end"]] for s in res["sections"] if s["kind"] == "caption"]
        body = [a.text[s["start"]:s["end"]] for s in res["sections"] if s["kind"] == "body"]
        problems += [(g["file"], "caption lost", c) for c in g.get("captions", []) if c not in caps]
        problems += [(g["file"], "extra caption", c) for c in caps if c not in g.get("captions", [])]
        problems += [(g["file"], "not body", b) for b in g.get("body_with_credit", [])
                     if not any(x.startswith(b) for x in body)]
    assert not problems, "\n".join(map(str, problems))
