"""PLOVER event coding: one test per pattern family, on sentences written for these tests.

Sides are checked by country (the actor resolver decides ids; the event coder decides who is
actor and who is recipient), types and flags exactly. The small model runs once per module.
"""
from __future__ import annotations

import pytest

from wiresift.extract import events as events_mod  # noqa: F401  (registers "events")
from wiresift.extract.event_lexicon import PLOVER_TYPES, load
from wiresift.extract.events import QUAD
from wiresift.pipeline import Pipeline

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run():
    pipe = Pipeline("sm")

    def _run(text: str, published: str | None = "2025-06-10") -> dict:
        rec = {"id": "t", "text": text}
        if published:
            rec["published"] = published
        out = pipe(rec)
        assert "error" not in out, out.get("error")
        return out

    return _run


def countries(result: dict, ids: list[str]) -> set[str]:
    by_id = {a["id"]: a for a in result["actors"]}
    return {(by_id.get(i) or {}).get("country") or i[2:5] for i in ids}


def find(result: dict, etype: str) -> list[dict]:
    return [e for e in result["events"] if e["type"] == etype]


def actor(result: dict, ident: str) -> dict:
    return next(a for a in result["actors"] if a["id"] == ident)


def one(result: dict, etype: str) -> dict:
    hits = find(result, etype)
    assert hits, f"no {etype} in {[(e['type'], e['trigger']['text']) for e in result['events']]}"
    return max(hits, key=lambda e: e["confidence"])


# -- threats --------------------------------------------------------------------------------
def test_threat(run):
    r = run("Russian President Vladimir Putin threatened to cut gas supplies to Moldova.")
    e = one(r, "THREATEN")
    assert countries(r, e["actor"]) == {"RUS"}
    assert countries(r, e["recipient"]) == {"MDA"}
    assert e["quad"] == 3 and e["cameo"] == "13"


def test_conditional_threat_ultimatum(run):
    r = run("Washington gave Tehran a deadline to halt uranium enrichment or face new sanctions.")
    e = one(r, "THREATEN")
    assert e["mode"] == "restrict"
    assert countries(r, e["actor"]) == {"USA"}
    assert countries(r, e["recipient"]) == {"IRN"}
    assert not find(r, "SANCTION"), "a threatened sanction is no sanction"


def test_conditional_threat_if(run):
    r = run("Israel warned Hezbollah that it would strike Beirut if the rocket attacks continued.")
    e = one(r, "THREATEN")
    assert e["mode"] == "violence"
    assert countries(r, e["actor"]) == {"ISR"}
    assert not e["flags"]["hypothetical"], "a conditional threat is a threat made"
    assert not find(r, "ASSAULT")


def test_threat_inside_quote(run):
    r = run('Erdogan told reporters: "If Greece sends troops to the islands, we will respond with force."')
    e = one(r, "THREATEN")
    assert countries(r, e["actor"]) == {"TUR"}
    assert countries(r, e["recipient"]) == {"GRC"}
    assert e["evidence"]["text"].startswith("If Greece sends troops")


# -- meetings and visits -------------------------------------------------------------------
def test_visit_host_is_recipient(run):
    r = run("French President Emmanuel Macron visited Beijing on Monday.")
    e = one(r, "CONSULT")
    assert e["mode"] == "visit"
    assert countries(r, e["actor"]) == {"FRA"} and countries(r, e["recipient"]) == {"CHN"}
    assert e["date"] == "2025-06-09"


def test_hosting_swaps_sides(run):
    r = run("Xi Jinping hosted Emmanuel Macron in Beijing on Monday.")
    e = one(r, "CONSULT")
    assert countries(r, e["actor"]) == {"FRA"}, "the visitor is the actor"
    assert countries(r, e["recipient"]) == {"CHN"}, "the host is the recipient"


def test_met_with(run):
    r = run("Emmanuel Macron met with Chinese President Xi Jinping in Beijing.")
    e = one(r, "CONSULT")
    assert countries(r, e["actor"]) == {"FRA"} and countries(r, e["recipient"]) == {"CHN"}
    assert e["place"] and e["place"]["name"] == "Beijing"


def test_planned_meeting_is_agree(run):
    r = run("Macron will meet Xi Jinping in Beijing next week.")
    assert not find(r, "CONSULT"), "PLOVER codes a future meeting as AGREE"
    e = one(r, "AGREE")
    assert e["flags"]["future"]
    assert countries(r, e["recipient"]) == {"CHN"}


# -- demands, refusals, accusations ---------------------------------------------------------
def test_demand(run):
    r = run("Germany demanded that Russia release the detained journalists.")
    e = one(r, "REQUEST")
    assert countries(r, e["actor"]) == {"DEU"} and countries(r, e["recipient"]) == {"RUS"}


def test_demand_with_several_items_is_one_event(run):
    r = run("China demanded that the Philippines withdraw its ships and stop patrols near the reef.")
    assert len(find(r, "REQUEST")) == 1
    assert not find(r, "RETREAT"), "the demanded withdrawal is the demand's content"
    assert countries(r, one(r, "REQUEST")["recipient"]) == {"PHL"}


def test_refusal(run):
    r = run("Hungary refused to sign the joint statement.")
    assert one(r, "REJECT")["actor"]
    assert not find(r, "SUPPORT"), "the refused signature did not happen"


def test_rejected_proposal_owner_is_recipient(run):
    r = run("Poland rejected the Belarusian proposal.")
    e = one(r, "REJECT")
    assert countries(r, e["actor"]) == {"POL"} and countries(r, e["recipient"]) == {"BLR"}


def test_accusation(run):
    r = run("Ukraine accused Russia of shelling civilian areas.")
    e = one(r, "ACCUSE")
    assert countries(r, e["actor"]) == {"UKR"} and countries(r, e["recipient"]) == {"RUS"}
    assert not find(r, "ASSAULT"), "the alleged shelling is the accusation's content"


def test_claim_of_hostile_act_is_accusation(run):
    r = run("The Russian leader claimed NATO countries are sabotaging peace talks.")
    e = one(r, "ACCUSE")
    assert e["mode"] == "allege"
    assert countries(r, e["actor"]) == {"RUS"}


# -- aid, its pause and resumption ------------------------------------------------------------
def test_future_aid_is_agree(run):
    r = run("Germany will send air defence systems to Ukraine.")
    e = one(r, "AGREE")
    assert countries(r, e["recipient"]) == {"UKR"}


def test_aid_pause_is_sanction(run):
    r = run("The Netherlands suspended military aid to Israel.")
    e = one(r, "SANCTION")
    assert e["mode"] == "discontinue"
    assert countries(r, e["actor"]) == {"NLD"} and countries(r, e["recipient"]) == {"ISR"}


def test_aid_resumption_is_aid(run):
    r = run("The United States resumed military aid to Ukraine.")
    e = one(r, "AID")
    assert countries(r, e["actor"]) == {"USA"} and countries(r, e["recipient"]) == {"UKR"}


# -- deployments, sanctions ----------------------------------------------------------------------
def test_deployment(run):
    r = run("Britain deployed two warships to the Red Sea.")
    e = one(r, "MOBILIZE")
    assert countries(r, e["actor"]) == {"GBR"} and e["quad"] == 4


def test_sanction_and_its_quad(run):
    r = run("The European Union imposed new sanctions on Iran.")
    e = one(r, "SANCTION")
    assert e["mode"] == "discontinue" and e["quad"] == 4 and e["cameo"] == "16"
    assert countries(r, e["recipient"]) == {"IRN"}


def test_threatened_sanction(run):
    r = run("The European Union is considering sanctions against Georgia.")
    e = one(r, "THREATEN")
    assert e["mode"] == "restrict"
    assert countries(r, e["recipient"]) == {"GEO"}
    assert not find(r, "SANCTION")


# -- attacks, history, captions -----------------------------------------------------------------
def test_attack_without_attacker(run):
    r = run("On March 3, 2024, a missile strike in Odesa killed five people.")
    e = one(r, "ASSAULT")
    # no attacker named: an unidentified armed force of the place (CAMEO/ICEWS), never a party
    assert e["actor"] == ["c:UKR-UAF"]
    assert actor(r, "c:UKR-UAF")["name"] == "Unidentified armed force in Ukraine"
    assert e["date"] == "2024-03-03"
    assert e["place"] and e["place"]["name"] == "Odesa"


def test_historical_event_keeps_its_own_date(run):
    r = run("Moscow annexed Crimea in 2014.")
    e = one(r, "COERCE")
    assert e["flags"]["historical"]
    assert e["date"] == "2014"


def test_recounted_threat_is_not_dated_today(run):
    r = run("Trump said he once warned Putin of dire consequences.")
    e = one(r, "THREATEN")
    assert e["flags"]["historical"]
    assert e["date"] != "2025-06-10"


def test_caption_only_event(run):
    text = ("Turkey and Greece traded accusations on Monday.\n\n"
            "Turkish President Recep Tayyip Erdogan meets Greek Prime Minister Kyriakos Mitsotakis in Ankara. "
            "AFP via Getty Images\n\nThe talks ended without agreement.")
    r = run(text)
    caps = [e for e in r["events"] if e["section"] == "caption"]
    assert caps and caps[0]["type"] == "CONSULT"
    assert caps[0]["date"] is None, "a caption takes no date from the article"


# -- reported speech, negation -------------------------------------------------------------------
def test_reported_speech(run):
    r = run("Trump claimed he had warned Putin of severe consequences.")
    e = one(r, "THREATEN")
    assert e["flags"]["reported"]
    assert countries(r, e["actor"]) == {"USA"} and countries(r, e["recipient"]) == {"RUS"}


def test_negation_flagged(run):
    r = run("Iran did not attack the tanker.")
    e = one(r, "ASSAULT")
    assert e["flags"]["negated"]
    assert e["confidence"] < 0.7


def test_refused_concession_is_reject(run):
    r = run("Serbia said it would not meet the demands of the protesters.")
    assert one(r, "REJECT")["actor"]
    assert not find(r, "CONCEDE")


def test_hypothetical_question_is_no_event(run):
    r = run("Trump was asked whether he would impose new tariffs on Canada.")
    assert not find(r, "SANCTION") and not find(r, "THREATEN") and not find(r, "REQUEST")


# -- the record contract ----------------------------------------------------------------------
def test_record_fields(run):
    r = run("Ukraine accused Russia of shelling civilian areas.")
    e = r["events"][0]
    assert set(e) >= {"type", "mode", "actor", "recipient", "date", "date_precision", "date_text", "place",
                      "evidence", "section", "flags", "confidence", "quad", "cameo", "trigger"}
    assert set(e["flags"]) == {"negated", "hypothetical", "future", "reported", "historical", "disputed"}
    text = "Ukraine accused Russia of shelling civilian areas."
    assert text[e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence"]["text"]
    assert text[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"] == "accused"
    assert e["type"] in PLOVER_TYPES and e["quad"] == QUAD[e["type"]]


def test_lexicon_data_loads():
    lex = load()
    assert lex.from_cameo("163")[0] == "SANCTION"
    assert lex.from_cameo("1312")[:2] == ("THREATEN", "restrict")
    assert lex.from_cameo("042")[:2] == ("CONSULT", "visit")
    assert lex.from_cameo("010")[0] == "-"
    assert len(lex.verb_default) > 500 and len(lex.block_patterns) > 100


@pytest.mark.shared
def test_eval_runs_on_dev_slice(shared):
    from wiresift.eval.events import evaluate, render

    res = evaluate("sm", limit=12, silver=False)
    assert res["dev"]["n"] == 12
    assert 0.0 <= res["dev"]["type_accuracy"] <= 1.0
    assert render(res)
