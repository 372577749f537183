"""Time expressions: the grammar on strings, the calendar on dates, the extractor on parsed
sentences (sm model), the event-coder helpers, and the seeds and dev-set plumbing."""
from __future__ import annotations

import datetime as dt

import pytest

from wiresift.extract import timexes
from wiresift.extract.timex_calendar import Focus, resolve
from wiresift.extract.timex_grammar import Reading, find
from wiresift.pipeline import Pipeline

TUE = "2025-12-02"  # a Tuesday, the publication date of seed 000


@pytest.fixture(scope="module")
def pipe():
    return Pipeline("sm", extractors=["entities", "timexes"])


def run(pipe, text, published=TUE):
    return pipe({"id": "t", "text": text, "published": published})["timexes"]


def one(pipe, text, published=TUE, which=None):
    got = run(pipe, text, published)
    if which is not None:
        got = [t for t in got if t["text"] == which]
    assert len(got) == 1, got
    return got[0]


def spans(text):
    return [text[m.start:m.end] for m in find(text)]


# -- grammar: where the expressions are ------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Putin told reporters Tuesday, according to CNN.", ["Tuesday"]),
    ("On November 9, 2024, a drone attack in Odesa", ["November 9, 2024"]),
    ("in Paris, France, 08 February 2023", ["08 February 2023"]),
    ("the illegal invasion of Ukraine in February 2022", ["February 2022"]),
    ("ending the three-and-a-half-year-old conflict", ["three-and-a-half-year-old"]),
    ("nearly six months into his second term", ["nearly six months"]),
    ("a phone call on Thursday the week before", ["Thursday the week before"]),
    ("at the start of their Alaska summit this summer", ["this summer"]),
    ("on day one of his presidency", ["day one"]),
    ("fell over the past 20 years", ["the past 20 years"]),       # "over" is a preposition
    ("rose for more than four hours", ["more than four hours"]),  # "more than" is the mod
    ("spent about five hours there", ["five hours"]),             # "about" stays outside
    ("a third-quarter loss", ["third-quarter"]),
    ("its fourth quarter ended June 30", ["fourth quarter", "June 30"]),
    ("at 10 p.m. Wednesday, police said", ["10 p.m. Wednesday"]),
    ("killed within a week of his capture", ["a week"]),
    ("a two-year strategy and a five year low", ["two-year", "five year"]),
    ("for the past two months and the next couple of years", ["the past two months", "the next couple of years"]),
    ("in the late 1970s and the early 1990s", ["the late 1970s", "the early 1990s"]),
])
def test_grammar_spans(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize("text", [
    "The Mayor said so.",                 # "May" inside a word
    "He may go, and the march went on.",  # lower-case month words
    "a 6-year-old boy and his mother",    # an age, not a duration
    "Putin, 52 years old, said",
    "$500 million a year in savings",     # a rate inside a quantity
    "set the table for a second round",
    "Minister Jan Kavan arrived",         # an abbreviation alone is not a month
])
def test_grammar_rejects(text):
    assert spans(text) == []


# -- calendar: values from readings ----------------------------------------------------------
D = dt.date(2025, 12, 2)


def value(kind, dct=D, direction=None, **f):
    return resolve(Reading(kind, f), dct, direction, Focus()).value


def test_weekday_direction():
    assert value("weekday", wd=2, rel=None) == "2025-12-02"                    # the day itself
    assert value("weekday", wd=5, rel=None, direction="past") == "2025-11-28"
    assert value("weekday", wd=5, rel=None, direction="future") == "2025-12-05"
    assert value("weekday", wd=5, rel="last", direction="future") == "2025-11-28"  # "last" wins
    assert value("weekday", wd=5, rel="next", direction="past") == "2025-12-05"
    assert value("weekday", dct=dt.date(2025, 7, 9), wd=4, rel=None, week_shift=-1) == "2025-07-03"


def test_offsets_and_periods():
    assert value("offset", unit="D", n=-1) == "2025-12-01"
    assert value("offset", unit="W", n=-1) == "2025-W48"
    assert value("offset", unit="M", n=-2) == "2025-10"
    assert value("offset", unit="Y", n=1) == "2026"
    assert value("season", s="SU", rel="this") == "2025-SU"
    assert value("quarter", n=4, y=None, rel=None) == "2025-Q4"
    assert value("quarter", dct=dt.date(2026, 1, 8), n=4, y=None, rel=None) == "2025-Q4"
    assert value("decade", d=199) == "199"
    assert value("century", c=19) == "19"
    assert value("duration", n=3.5, unit="Y") == "P3Y6M"
    assert value("duration", n=None, unit="W") == "PXW"
    assert value("duration", n=5, unit="H", time=True) == "PT5H"


def test_undated_keeps_the_offset():
    r = resolve(Reading("weekday", {"wd": 5, "rel": "last"}), None, None, Focus())
    assert (r.value, r.anchored, r.rel) == ("XXXX-WXX-5", False, "before")
    r = resolve(Reading("offset", {"unit": "D", "n": -1}), None, None, Focus())
    assert (r.value, r.anchored, r.rel) == ("XXXX-XX-XX", False, "-P1D")
    r = resolve(Reading("date", {"y": 2024, "m": 11, "d": 9}), None, None, Focus())
    assert (r.value, r.anchored) == ("2024-11-09", True)


# -- the extractor on parsed text ------------------------------------------------------------
def test_same_day_report(pipe):
    t = one(pipe, "Putin told reporters Tuesday that Europe was to blame.")
    assert (t["type"], t["value"], t["precision"], t["anchored"]) == ("DATE", "2025-12-02", "day", True)


def test_tense_decides_the_weekday(pipe):
    assert one(pipe, "The talks ended on Friday without a deal.")["value"] == "2025-11-28"
    assert one(pipe, "The two leaders will meet on Friday in Geneva.")["value"] == "2025-12-05"
    text = ("Trump warned of severe consequences if Putin refuses to agree to peace during "
            "their meeting in Alaska on Friday.")
    assert one(pipe, text, published="2025-08-13")["value"] == "2025-08-15"
    assert one(pipe, "Putin criticised the plan last Friday.")["value"] == "2025-11-28"


def test_relative_days_and_periods(pipe):
    got = {t["text"]: t["value"] for t in run(
        pipe, "A report last week alleged fraud. They met yesterday and meet again tomorrow. "
              "The summit this summer changed little. He spoke on Thursday the week before.",
        published="2025-07-09")}
    assert got == {"last week": "2025-W27", "yesterday": "2025-07-08", "tomorrow": "2025-07-10",
                   "this summer": "2025-SU", "Thursday the week before": "2025-07-03"}


def test_explicit_dates(pipe):
    got = {t["text"]: t["value"] for t in run(
        pipe, "On November 9, 2024, a drone hit Odesa. Leaders met in Paris on 08 February 2023. "
              "Russia invaded in February 2022 and annexed Crimea in 2014.")}
    assert got == {"November 9, 2024": "2024-11-09", "08 February 2023": "2023-02-08",
                   "February 2022": "2022-02", "2014": "2014"}


def test_durations(pipe):
    t = one(pipe, "The summit will focus on ending the three-and-a-half-year-old conflict.")
    assert (t["type"], t["value"], t["precision"]) == ("DURATION", "P3Y6M", "duration")
    t = one(pipe, "Trump is nearly six months into his second term.")
    assert (t["value"], t.get("mod")) == ("P6M", "APPROX")


def test_day_one_stays_unresolved(pipe):
    t = one(pipe, "Trump promised to end the war on day one of his presidency.")
    assert (t["value"], t["anchored"], t["precision"]) == (None, False, "none")


def test_undated_article(pipe):
    text = ("Witkoff arrived in Moscow on Wednesday after Trump's decision last Friday. "
            "We have a meeting tomorrow. The war began in February 2022.")
    got = {t["text"]: t for t in run(pipe, text, published=None)}
    assert got["Wednesday"]["value"] == "XXXX-WXX-3" and got["Wednesday"]["anchored"] is False
    assert got["last Friday"]["value"] == "XXXX-WXX-5" and got["last Friday"]["rel"] == "before"
    assert got["tomorrow"]["value"] == "XXXX-XX-XX" and got["tomorrow"]["rel"] == "+P1D"
    assert got["February 2022"]["value"] == "2022-02" and got["February 2022"]["anchored"] is True
    assert not any(t["value"] and t["value"][:4].isdigit() and t["value"].startswith("2025")
                   for t in got.values())  # nothing is invented


def test_ages_are_not_time(pipe):
    assert run(pipe, "Putin, 73, said the 6-year-old boy was safe.") == []


def test_references_sets_and_clock_times(pipe):
    got = {t["text"]: (t["type"], t["value"]) for t in run(
        pipe, "Prices are now falling. Rallies are held every day. "
              "The blast occurred at 10:35 a.m. Friday.", published="1998-08-08")}
    assert got == {"now": ("DATE", "PRESENT_REF"), "every day": ("SET", "P1D"),
                   "10:35 a.m. Friday": ("TIME", "1998-08-07T10:35")}


def test_earnings_quarters(pipe):
    got = [(t["text"], t["value"]) for t in run(
        pipe, "Delta posted third-quarter profit of $133 million, up from $100 million a year earlier.",
        published="1989-10-26")]
    assert got == [("third-quarter", "1989-Q3"), ("a year earlier", "1988-Q3")]


def test_decades_and_fractions_follow_timeml():
    assert value("decade", d=197) == "197"                                    # not TIMEX2's 197X
    assert value("offset", unit="E", n=-1) == "201"                           # the last decade
    assert value("duration", n=2.5, unit="Y") == "P2Y6M"
    assert value("duration", n=5.5, unit="H", time=True) == "PT5H30M"
    assert value("duration", n=1.5, unit="M", time=True) == "PT1M30S"
    assert value("duration", n=1.5, unit="D") == "P1DT12H"
    assert value("duration", n=1.5, unit="W") == "P1.5W"                      # 10.5 days: stays


def test_a_tense_does_not_push_a_month_a_year_away():
    aug = dt.date(1995, 8, 10)
    assert value("month", dct=aug, direction="past", m=9, rel=None) == "1995-09"   # next month
    assert value("month", dct=aug, direction="past", m=6, rel=None) == "1995-06"
    assert value("month", dct=aug, direction="past", m=11, rel=None) == "1994-11"  # nine back: fine
    assert value("month", dct=aug, direction="future", m=7, rel=None) == "1995-07"
    assert value("date", dct=aug, direction="past", y=None, m=9, d=2) == "1995-09-02"


def test_modals_and_pluperfect_set_the_weekday(pipe):
    # a modal of possibility with a base verb looks ahead; "had been due to" looks back
    assert one(pipe, "The delegation might arrive as soon as Thursday.")["value"] == "2025-12-04"
    assert one(pipe, "The offer had been due to expire Friday evening.",
               published="2025-12-08")["value"] == "2025-12-05TEV"
    # "difficult to ..." is not "likely to ...": the clause's own tense decides
    assert one(pipe, "The floods made it hard for farmers to plant crops well into the spring.",
               published="2025-10-20")["value"] == "2025-SP"


def test_scheduling_verbs_only_move_what_they_schedule(pipe):
    assert one(pipe, "The mayor has scheduled a news conference Thursday.")["value"] == "2025-12-04"
    assert one(pipe, "Organisers planned a march in the old town on Saturday.",
               published="2025-12-05")["value"] == "2025-12-06"
    assert one(pipe, "On Friday, the ministry planned to pay the first claims.",
               published="2025-12-03")["value"] == "2025-11-28"
    assert one(pipe, "A vigil planned for Saturday was cancelled after the threats.",
               published="2025-12-07")["value"] == "2025-12-06"


def test_capitalised_day_after_an_opening_quote(pipe):
    # Title Case mid-sentence marks a name ("This Week"), but not at the start of a quote
    t = one(pipe, "He paused.\n\n``Last Week, police found the car,'' he said.")
    assert t["value"] == "2025-W48"


def test_night_of_a_dated_weekday(pipe):
    t = one(pipe, "He was shot on the night of Friday, Oct. 24, at home.", published="2025-11-22")
    assert t["text"] == "the night of Friday, Oct. 24" and t["value"] == "2025-10-24TNI"


def test_earnings_focus_is_the_reported_quarter(pipe):
    text = ("Acme posted higher third-quarter profit, up from a year ago. After a weak second "
            "quarter, sales recovered. Costs were lower than a year ago. For the nine months, "
            "profit rose 9% from a year earlier. Analysts expect the slump to continue into "
            "the fourth quarter. Sales in the latest quarter rose 4% from a year earlier.")
    got = [(t["text"], t["value"]) for t in run(pipe, text, published="1995-10-26")]
    assert got == [("third-quarter", "1995-Q3"), ("a year ago", "1994-Q3"),
                   ("second quarter", "1995-Q2"), ("a year ago", "1994-Q3"),
                   ("the nine months", "P9M"), ("a year earlier", "1994"),
                   ("the fourth quarter", "1995-Q4"), ("the latest quarter", "1995-Q3"),
                   ("a year earlier", "1994-Q3")]
    assert one(pipe, "Third-quarter sales fell 11%.", published="1995-10-26")["value"] == "1995-Q3"


def test_section_is_recorded(pipe):
    text = "Putin met envoys.\n\nVladimir Putin meets Steve Witkoff on Tuesday. Getty Images\n\nMore talks followed."
    recs = run(pipe, text)
    assert all(t["section"] in ("body", "caption", "heading") for t in recs)


# -- helpers for the event coder -------------------------------------------------------------
def parsed(pipe, text, published=TUE):
    return pipe.parse({"id": "t", "text": text, "published": published})


def tok(pdoc, word):
    return next(t for t in pdoc.doc if t.text == word)


def test_timex_for_token(pipe):
    pd = parsed(pipe, "Putin met Witkoff on Tuesday.")
    assert timexes.timex_for_token(pd, tok(pd, "met"))["text"] == "Tuesday"
    pd = parsed(pipe, "The meeting on Friday was cancelled.")
    assert timexes.timex_for_token(pd, tok(pd, "meeting"))["text"] == "Friday"
    pd = parsed(pipe, "On November 9, 2024, a drone attack in Odesa left several vehicles destroyed.")
    assert timexes.timex_for_token(pd, tok(pd, "attack"))["value"] == "2024-11-09"
    pd = parsed(pipe, "Trump said on Tuesday that Russia invaded Ukraine.")
    assert timexes.timex_for_token(pd, tok(pd, "invaded")) is None  # reported speech


def test_event_date(pipe):
    pd = parsed(pipe, "Putin says Europe is sabotaging peace.")
    assert timexes.event_date(pd, tok(pd, "sabotaging")) == (TUE, "day", None)
    pd = parsed(pipe, "Russia invaded a sovereign nation.")
    assert timexes.event_date(pd, tok(pd, "invaded")) == (None, None, None)
    pd = parsed(pipe, "Putin has threatened to wipe out NATO allies.")
    assert timexes.event_date(pd, tok(pd, "threatened"), historical=True) == (None, None, None)
    assert timexes.event_date(pd, tok(pd, "threatened"))[0] == TUE
    pd = parsed(pipe, "Putin told reporters Tuesday that Russia was ready. He said more later. "
                      "Those remarks came just before Putin sat down with Witkoff.")
    assert timexes.event_date(pd, tok(pd, "sat")) == (TUE, "day", "Tuesday")
    pd = parsed(pipe, "Putin met Witkoff on Friday.", published=None)
    assert timexes.event_date(pd, tok(pd, "met")) == ("XXXX-WXX-5", "day", "Friday")


def test_a_clause_describing_a_noun_is_background_not_todays_news(pipe):
    pd = parsed(pipe, "Critics ignore the reason that the regime has been shunned by its neighbours.")
    assert timexes.event_date(pd, tok(pd, "shunned")) == (None, None, None)
    pd = parsed(pipe, "The regime has been shunned by its neighbours.")
    assert timexes.event_date(pd, tok(pd, "shunned"))[0] == TUE


# -- real material -----------------------------------------------------------------------------
def test_seed_dates(shared, pipe):
    from wiresift.eval.seeds import run_seeds

    by_file = {g["file"][:3]: res for g, _art, res in run_seeds(pipeline=pipe)}
    s000 = {t["text"]: t["value"] for t in by_file["000"]["timexes"] if t["section"] == "body"}
    assert s000["Tuesday"] == "2025-12-02" and s000["this summer"] == "2025-SU"
    assert s000["last week"] == "2025-W48" and s000["day one"] is None
    s001 = {t["text"]: t["value"] for t in by_file["001"]["timexes"]}
    assert s001["November 9, 2024"] == "2024-11-09" and s001["November 2024"] == "2024-11"
    assert s001["Tuesday"] == "2025-07-08"
    for f in ("002", "003", "004"):  # undated: no relative day on the calendar
        for t in by_file[f]["timexes"]:
            if t["type"] in ("DATE", "TIME") and t["value"] and "XXXX" not in t["value"] \
                    and not t["value"].endswith("REF"):
                assert t["text"][-4:].isdigit(), t
    s004 = {t["text"]: t for t in by_file["004"]["timexes"]}
    assert s004["three-and-a-half-year-old"]["value"] == "P3Y6M"
    assert s004["Friday"]["rel"] == "after"


def test_eval_runs_on_a_few_documents(shared):
    from wiresift.eval.time import evaluate, render

    r = evaluate(model="sm", limit=3)
    assert r["docs"] == 3 and r["failed"] == 0 and 0 <= r["value_f1"] <= 100
    assert render(r)
