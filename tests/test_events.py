"""PLOVER event coding: one test per pattern family, on sentences written for these tests.

Sides are checked by country (the actor resolver decides ids; the event coder decides who is
actor and who is recipient), types and flags exactly. The small model runs once per module.
"""
from __future__ import annotations

import pytest

from wiresift.extract import events as events_mod  # noqa: F401  (registers "events")
from wiresift.extract.event_lexicon import PLOVER_TYPES, load
from wiresift.extract.events import QUAD
from eventkit import countries, find, one, run

pytestmark = pytest.mark.slow


def actor(result: dict, ident: str) -> dict:
    return next(a for a in result["actors"] if a["id"] == ident)


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


# -- doers and targets the text gives only by a place ---------------------------------------------
def test_protesters_take_the_country_where_they_protest(run):
    r = run("Students rallied outside a courthouse in Nairobi on Monday.")
    e = one(r, "PROTEST")
    assert e["actor"] == ["c:KEN-EDU"]


def test_passive_arrest_without_agent_is_by_the_state_where_it_happens(run):
    r = run("A French journalist was arrested in Tehran on Sunday.")
    e = one(r, "COERCE")
    assert e["actor"] == ["c:IRN-GOV"] and countries(r, e["recipient"]) == {"FRA"}


def test_investigation_under_passive_light_verb(run):
    r = run("A Canadian tourist has been put under investigation in Italy.")
    e = one(r, "ACCUSE")
    assert e["mode"] == "investigate"
    assert e["actor"] == ["c:ITA-GOV"] and countries(r, e["recipient"]) == {"CAN"}


def test_weapon_nationality_names_the_attacker_and_civilians_the_place(run):
    r = run("Three civilians were killed in a Russian drone strike in Kharkiv on Monday.")
    e = one(r, "ASSAULT")
    assert countries(r, e["actor"]) == {"RUS"}
    assert "c:UKR-CVL" in e["recipient"]


def test_unnamed_gunmen_are_an_unidentified_force_of_the_place(run):
    r = run("Gunmen killed four police officers in Peshawar on Tuesday.")
    assert one(r, "ASSAULT")["actor"] == ["c:PAK-UAF"]


def test_natural_force_is_no_attack(run):
    r = run("A storm killed five people in Florida on Monday.")
    assert not find(r, "ASSAULT")


def test_ethnic_group_is_coded_by_where_it_lives(run):
    r = run("Ethnic Hungarians in Slovakia demanded more language rights.")
    assert countries(r, one(r, "REQUEST")["actor"]) == {"SVK"}


def test_curfew_in_a_place_targets_that_country(run):
    r = run("Iraqi authorities imposed a curfew in Mosul on Saturday.")
    e = one(r, "COERCE")
    assert countries(r, e["actor"]) == {"IRQ"} and e["recipient"] == ["c:IRQ"]


def test_organisation_named_after_its_country(run):
    r = run("The Kenya Farmers Association demanded lower fuel taxes.")
    assert countries(r, one(r, "REQUEST")["actor"]) == {"KEN"}


def test_demand_addressee_is_the_subject_of_its_content(run):
    r = run("China demanded that the United States cancel arms sales to Taiwan.")
    e = one(r, "REQUEST")
    assert countries(r, e["actor"]) == {"CHN"} and countries(r, e["recipient"]) == {"USA"}


def test_agent_after_an_interruption_belongs_to_the_main_passive(run):
    r = run("Former president Jacob Zuma has been accused of taking bribes, most of it believed to have "
            "been paid in cash, by South African prosecutors.")
    e = one(r, "ACCUSE")
    assert countries(r, e["actor"]) == {"ZAF"} and e["recipient"] == ["p:jacob-zuma"]


# -- what is not an event, and when events are not dated ----------------------------------------
def test_meeting_that_only_times_the_clause_is_not_coded(run):
    r = run("Macron spoke to reporters ahead of his meeting with Scholz on Friday.")
    assert not find(r, "AGREE") and not find(r, "CONSULT")


def test_planned_meeting_is_dated_by_its_report_not_by_the_meeting_day(run):
    r = run("Modi will meet Xi in Beijing on Friday.")
    e = one(r, "AGREE")
    assert e["flags"]["future"]
    assert e["date"] == "2025-06-10"


def test_future_time_clause_makes_a_planned_meeting(run):
    r = run("European leaders will hold talks with Trump, hoping to convince him when he meets Putin on Friday.")
    e = next(e for e in r["events"] if e["trigger"]["text"] == "meets")
    assert e["type"] == "AGREE" and e["flags"]["future"]


def test_presupposed_background_takes_no_article_date(run):
    r = run("This ignores the reason that Moscow has been isolated by the West.")
    for e in r["events"]:
        assert e["date"] is None and e["flags"]["historical"]


def test_comment_on_an_intent_is_no_event(run):
    r = run("Trump's willingness to meet Putin marks a shift.")
    assert not find(r, "AGREE") and not find(r, "CONSULT")


def test_time_of_an_ordering_phrase_does_not_date_the_event(run):
    r = run("Biden said he spoke with Putin before the invasion of Ukraine in February 2022.")
    assert one(r, "CONSULT")["date"] is None


def test_telling_time_does_not_date_a_recounted_act(run):
    r = run("Biden told donors at a 2024 fundraiser that he once warned Putin of dire consequences.")
    e = one(r, "THREATEN")
    assert e["flags"]["historical"] and e["date"] is None


def test_lemma_repair_lets_staged_realise_a_hunger_strike(run):
    r = run("Jailed activist Alaa Abd el-Fattah staged a hunger strike in prison on Sunday.")
    assert one(r, "PROTEST")["mode"] == "hunger"


def test_meeting_in_a_during_phrase_was_attended_by_the_clause_sides(run):
    r = run("Merz had dinner with Macron during a summit in Berlin.")
    e = one(r, "CONSULT")
    assert countries(r, e["actor"] + e["recipient"]) == {"DEU", "FRA"}


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


def test_dev_scorer_counts_host_and_visitor_in_either_order_only_as_a_pair():
    from wiresift.eval.events import score_dev

    row = {"id": "x", "text": "A hosted B.", "event_type": "CONSULT",
           "source": [{"code": "RUS"}], "target": [{"code": "JAP"}]}

    def result(actor, recipient):
        return {"actors": [{"id": "c:RUS", "country": "RUS"}, {"id": "c:JPN", "country": "JPN"},
                           {"id": "c:FRA", "country": "FRA"}],
                "events": [{"type": "CONSULT", "confidence": 0.9, "actor": actor, "recipient": recipient,
                            "trigger": {"text": "hosted"}}]}

    swapped = score_dev([row], [result(["c:JPN"], ["c:RUS"])])  # PLOVER: visitor actor, host recipient
    assert swapped["actor_country_accuracy"] == 1.0 and swapped["recipient_country_accuracy"] == 1.0
    assert swapped["gold_order_actor_country_accuracy"] == 0.0
    half = score_dev([row], [result(["c:FRA"], ["c:RUS"])])  # the other side wrong: no credit
    assert half["actor_country_accuracy"] == 0.0
    other = dict(row, event_type="ASSAULT")
    assert score_dev([other], [dict(result(["c:JPN"], ["c:RUS"]), events=[
        dict(result(["c:JPN"], ["c:RUS"])["events"][0], type="ASSAULT")])])["actor_country_accuracy"] == 0.0


def test_seed_mentions_are_linked_when_a_mention_holds_them():
    from wiresift.eval.seeds import check_actors

    g = {"actors": [{"name": "Volodymyr Zelensky", "country": "UKR", "mentions": ["Volodmyr Zelensky", "he"]}]}
    res = {"actors": [{"name": "Volodymyr Zelensky", "country": "UKR",
                       "mentions": [{"text": "Ukrainian President Volodmyr Zelensky"}]}]}
    rows = check_actors(g, res)
    assert rows[0]["ok"] is False and rows[0]["why"].endswith(": he")  # the name is held, "he" is not
    res["actors"][0]["mentions"].append({"text": "he"})
    assert check_actors(g, res)[0]["ok"]
    res["actors"][0]["mentions"] = [{"text": "Volodmyr Zelenskyy"}, {"text": "he"}]
    assert not check_actors(g, res)[0]["ok"]  # whole words only


def test_evidence_stops_before_a_credit_glued_to_the_paragraph(nlp_sm):
    from wiresift.pipeline import Pipeline

    text = ("date 2025-06-27 Rebel fighters seized the city of Goma in January after an advance that "
            "left thousands dead. JANE ROE/AFP via Getty Images\nThe talks continue in Doha.")
    (res,) = Pipeline("sm").pipe([{"id": "c", "text": text}])
    assert res["events"], res
    for ev in res["events"] + res.get("numbers", []):
        assert "Getty" not in ev["evidence"]["text"]
        assert ev["evidence"]["text"] == text[ev["evidence"]["start"]:ev["evidence"]["end"]]


def test_seed_scorer_reads_compound_sides_and_country_speakers():
    from wiresift.eval.seeds import _actor_ok, check_quotes

    actors = {"p:a": {"name": "Ann Able", "country": "USA"}, "c:IRN": {"name": "Iran", "country": "IRN"}}
    assert _actor_ok(["Bo Bee", "Ann Able"], ["p:a"], actors)
    assert not _actor_ok(["Bo Bee", "Cy Sea"], ["p:a"], actors)
    res = {"actors": list({"id": k, **v} for k, v in actors.items()),
           "quotes": [{"content": {"text": "everlasting consequences"}, "speaker": "c:IRN"}]}
    g = {"quotes": {"must": [{"speaker": {"country": "IRN"}, "starts": "everlasting consequences"},
                             {"speaker": {"country": "USA"}, "starts": "everlasting consequences"}]}}
    assert [r["ok"] for r in check_quotes(g, res)] == [True, False]
