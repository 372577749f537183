"""The in-article actor resolver (wiresift/extract/actors.py): one test family per rule.

Sentences are written for these tests; the small spaCy model runs once per module. The seed
check at the end reads ../shared and skips without it.
"""
from __future__ import annotations

import pytest

from wiresift.extract.actors import ActorIndex
from wiresift.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe():
    return Pipeline("sm", extractors=["actors"])


def run(pipe, text, published="2025-08-13", options=None):
    rec = {"id": "t", "text": text}
    if published:
        rec["published"] = published
    if options:
        pipe.options = options
    try:
        pdoc = pipe.parse(rec)
        pdoc.results["actors"] = ActorIndex(pdoc).records
        return pdoc
    finally:
        pipe.options = {}


def actors(pipe, text, **kw):
    return {a["id"]: a for a in run(pipe, text, **kw).results["actors"]}


def texts(a):
    return [m["text"] for m in a["mentions"]]


def owner(pipe, text, mention, n=0, **kw):
    """Id of the actor holding the n-th mention whose text is ``mention``."""
    hits = []
    for a in run(pipe, text, **kw).results["actors"]:
        hits += [(m["start"], a["id"]) for m in a["mentions"] if m["text"] == mention]
    hits.sort()
    return hits[n][1] if len(hits) > n else None


# --------------------------------------------------------------------------- names

def test_full_name_title_and_surname_are_one_actor(pipe):
    acts = actors(pipe, "Russian President Vladimir Putin met envoys on Monday. Putin said the talks were useful.")
    putin = acts["p:vladimir-putin"]
    assert texts(putin) == ["Russian President Vladimir Putin", "Putin"]
    assert [m["how"] for m in putin["mentions"]] == ["name", "surname"]
    assert putin["country"] == "RUS" and putin["sector"] == "GOV" and putin["known"]
    assert putin["role"] == "President of Russia"


def test_spellings_and_typos_resolve_to_one_actor(pipe):
    acts = actors(pipe, "Ukrainian President Volodymyr Zelenskiy spoke on Monday. Volodmyr Zelensky later "
                        "repeated it, and Zelensky's office confirmed the call.")
    z = acts["p:volodymyr-zelensky"]
    assert len(z["mentions"]) == 3
    assert "Zelensky" in texts(z)  # the possessive is not part of the mention


def test_possessive_country_describes_the_person(pipe):
    acts = actors(pipe, "Russia’s Vladimir Putin has threatened Europe.")
    assert texts(acts["p:vladimir-putin"]) == ["Russia’s Vladimir Putin"]
    assert "c:RUS" not in acts  # "Russia’s" is part of Putin's mention, not a mention of Russia


def test_names_spacy_mislabels_are_found(pipe):
    # the stack check: "Trump, 79," is parsed with Trump as a verb; Witkoff tagged GPE
    acts = actors(pipe, "President Donald Trump spoke on Tuesday. Trump, 79, promised to end the war. "
                        "Trump, Witkoff, and Kushner hope the meeting helps.")
    assert texts(acts["p:donald-trump"]).count("Trump") == 2
    assert "p:steve-witkoff" in acts and "p:jared-kushner" in acts


def test_common_surname_needs_context(pipe):
    acts = actors(pipe, "Wilson said the committee would meet again next week.")
    assert "p:kingsley-wilson" not in acts
    acts = actors(pipe, "Pentagon press secretary Kingsley Wilson spoke on Friday. Wilson said the review was over.")
    assert texts(acts["p:kingsley-wilson"]) == ["Pentagon press secretary Kingsley Wilson", "Wilson"]


def test_us_pronoun_is_not_the_country(pipe):
    acts = actors(pipe, "“Let us talk,” he said. The US imposed tariffs.")
    assert texts(acts["c:USA"]) == ["The US"]


def test_acronym_needs_capitals(pipe):
    acts = actors(pipe, "Who will pay? The WHO said funding had run out.")
    assert texts(acts["o:who"]) == ["The WHO"] or texts(acts["o:who"]) == ["WHO"]


# --------------------------------------------------------------------------- titles and descriptions

def test_title_takes_the_nearest_compatible_antecedent(pipe):
    text = ("Russian President Vladimir Putin met U.S. President Donald Trump in Alaska. "
            "The Russian leader said the talks were useful. Trump promised to end the war quickly. "
            "The president called the talks productive.")
    assert owner(pipe, text, "The Russian leader") == "p:vladimir-putin"
    assert owner(pipe, text, "The president") == "p:donald-trump"


def test_title_with_a_country_is_the_office_holder_on_the_date(pipe):
    assert owner(pipe, "The German chancellor said borders could not change.", "The German chancellor") \
        == "p:friedrich-merz"
    assert owner(pipe, "The German chancellor said borders could not change.", "The German chancellor",
                 published="2023-02-08") == "p:olaf-scholz"


def test_title_adverbs_and_counterpart(pipe):
    text = ("Donald Trump told donors he once threatened Moscow. During a 2024 fundraiser, the now US President "
            "said his Russian counterpart did not believe him.")
    assert owner(pipe, text, "the now US President", published=None) == "p:donald-trump"
    assert owner(pipe, text, "Russian counterpart", published=None) == "p:vladimir-putin"


def test_title_names_an_office_of_a_country(pipe):
    acts = actors(pipe, "Kremlin spokesman Dmitry Peskov declined to comment.")
    peskov = acts["p:dmitry-peskov"]
    assert texts(peskov) == ["Kremlin spokesman Dmitry Peskov"] and peskov["country"] == "RUS"


def test_relation_from_the_knowledge_base_and_from_an_apposition(pipe):
    assert owner(pipe, "Putin met U.S. envoy Steve Witkoff and Trump's son-in-law on Tuesday.",
                 "son-in-law") == "p:jared-kushner"
    text = "Putin met President Donald Trump's son-in-law, Jared Kushner, on Tuesday."
    assert owner(pipe, text, "President Donald Trump's son-in-law") == "p:jared-kushner"


# --------------------------------------------------------------------------- roles and dates

def test_roles_valid_on_the_article_date(pipe):
    acts = actors(pipe, "Olaf Scholz and Friedrich Merz attended the ceremony in Berlin.")
    assert acts["p:friedrich-merz"]["role"] == "Chancellor of Germany"
    assert "chancellor" not in (acts["p:olaf-scholz"]["role"] or "").lower()
    acts = actors(pipe, "Olaf Scholz attended the ceremony in Berlin.", published="2023-02-08")
    assert acts["p:olaf-scholz"]["role"] == "Chancellor of Germany"


def test_a_caption_with_its_own_date_takes_roles_on_that_date(pipe):
    text = ("German Chancellor Friedrich Merz warned Moscow on Wednesday.\n\n"
            "French President Emmanuel Macron (R) and German Chancellor Olaf Scholz (L) arrive to give a joint "
            "statement, at the Elysee Palace in Paris, France, 08 February 2023. EPA/POOL\n\n"
            "Merz said pressure would increase.")
    acts = actors(pipe, text, published=None)
    scholz = acts["p:olaf-scholz"]
    assert "chancellor" not in (scholz["role"] or "").lower()  # not on the article's date
    assert scholz["mentions"][0].get("role") == "Chancellor of Germany"  # but in 2023, yes
    assert acts["p:friedrich-merz"]["role"] == "Chancellor of Germany"


def test_undated_article_takes_its_date_from_its_titles(pipe):
    text = "U.S. President Joe Biden and President-elect Donald Trump met at the White House."
    acts = actors(pipe, text, published=None)
    assert acts["p:joe-biden"]["role"] == "President of the United States"
    assert acts["p:donald-trump"]["role"] != "President of the United States"


# --------------------------------------------------------------------------- pronouns

def test_pronoun_gender_and_paragraph_start(pipe):
    text = ("Pentagon press secretary Kingsley Wilson denied that Defense Secretary Pete Hegseth acted alone.\n\n"
            "She said: “The secretary provided a framework.”\n\n"
            "Ukrainian President Volodymyr Zelensky visited Washington.\n\n"
            "He has pushed for peace.")
    assert owner(pipe, text, "She") == "p:kingsley-wilson"
    assert owner(pipe, text, "He") == "p:volodymyr-zelensky"


def test_pronoun_prefers_the_subject_over_a_quoted_name(pipe):
    text = ("Trump expressed his anger toward Putin, saying, “We get a lot of nonsense thrown at us by Putin.” "
            "He also suggested that sanctions were under consideration.")
    assert owner(pipe, text, "He") == "p:donald-trump"


def test_quote_speaker_is_not_the_pronoun_inside_the_quote(pipe):
    text = ("Trump said he had warned Chinese President Xi Jinping. “He thought I was crazy,” Trump remarked.")
    assert owner(pipe, text, "He") == "p:xi-jinping"


def test_fronted_possessive_refers_forward(pipe):
    text = "Witkoff met Trump on Monday. For his part, Putin said he wants peace."
    assert owner(pipe, text, "his") == "p:vladimir-putin"


def test_possessor_of_a_subject_is_salient(pipe):
    text = ("Trump’s willingness to meet Putin marks a shift after weeks of frustration. "
            "His envoy, Steve Witkoff, recently returned from Moscow.")
    assert owner(pipe, text, "His") == "p:donald-trump"
    assert owner(pipe, text, "envoy") == "p:steve-witkoff"


def test_it_is_not_a_plural_phrase(pipe):
    text = ("NATO leaders met in The Hague. The final declaration commits allies to spend more. "
            "It names Russia as a long-term threat.")
    acts = actors(pipe, text, published=None)
    assert not any(m["text"] == "It" for a in acts.values() for m in a["mentions"])


def test_it_for_organisations_and_pleonastic_it(pipe):
    text = "India's defence ministry said it had hit nine sites. It is reported that Pakistan responded."
    acts = actors(pipe, text, published="2025-05-07")
    ministry = next(a for a in acts.values() if a["name"] == "Ministry of Defence of India")
    assert texts(ministry) == ["India's defence ministry", "it"]
    assert not any(m["text"] == "It" for a in acts.values() for m in a["mentions"])


# --------------------------------------------------------------------------- unknown people

def test_unknown_person_gets_country_and_sector_from_the_title(pipe):
    acts = actors(pipe, "Russian Foreign Ministry spokesperson Ivan Petrovsky said Moscow's position was unchanged. "
                        "Petrovsky declined to say more.")
    p = acts["u:ivan-petrovsky"]
    assert p["known"] is False and p["country"] == "RUS" and p["sector"] == "GOV"
    assert texts(p)[-1] == "Petrovsky"


def test_unknown_person_described_by_an_apposition(pipe):
    acts = actors(pipe, "Lieutenant General Yaroslav Moskalenko, a senior officer in the Russian general staff, "
                        "was killed on Friday.")
    assert acts["u:yaroslav-moskalenko"]["country"] == "RUS"


# --------------------------------------------------------------------------- countries, organisations, groups

def test_countries_metonyms_and_organisations(pipe):
    acts = actors(pipe, "Moscow rejected the plan. The Kremlin said Kyiv must withdraw. "
                        "Washington and NATO said Hamas must disarm.")
    assert acts["c:RUS"]["mentions"][0]["how"] == "metonym" and acts["c:RUS"]["sector"] == "GOV"
    assert acts["o:kremlin"]["country"] == "RUS"  # the Kremlin keeps its name, coded RUS GOV
    assert acts["c:UKR"]["country"] == "UKR" and acts["c:USA"]["country"] == "USA"
    assert acts["o:nato"]["country"] == "IGO" and acts["o:hamas"]["country"] == "PSE"


def test_group_ids(pipe):
    text = ("NATO countries are sabotaging peace, Putin said. European leaders and European capitals objected. "
            "US officials said Russian forces had advanced, while Ukrainian officials asked Western partners for help. "
            "America’s allies stayed silent.")
    acts = actors(pipe, text)
    assert "NATO countries" in texts(acts["o:nato"])
    assert texts(acts["c:EUR-GOV"]) == ["European leaders", "European capitals"]
    assert acts["c:USA-GOV"]["country"] == "USA" and acts["c:USA-GOV"]["sector"] == "GOV"
    assert acts["o:russian-armed-forces"]["sector"] == "MIL"
    assert texts(acts["c:UKR-GOV"]) == ["Ukrainian officials"]
    assert acts["c:WEST"]["country"] == "IGO"
    assert not any(m["text"] == "America’s allies" for a in acts.values() for m in a["mentions"])


def test_places_where_things_happen_are_not_actor_mentions(pipe):
    acts = actors(pipe, "Witkoff arrived in Moscow on Wednesday.")
    assert "c:RUS" not in acts


def test_organisation_description(pipe):
    text = ("NATO Secretary General Mark Rutte opened the summit with NATO leaders. "
            "He called the pledge a quantum leap for the alliance.")
    assert owner(pipe, text, "the alliance") == "o:nato"


# --------------------------------------------------------------------------- sections

def test_credits_and_unrelated_headlines_are_not_mentions(pipe):
    text = ("Putin met Trump in Alaska on Friday.\n\n"
            "Vladimir Putin speaks to journalists ahead of his meeting with U.S. officials. ALEXANDER KAZAKOV/POOL/AFP via Getty Images\n\n"
            "The talks ended without a deal.\n"
            "Iraq Welcomes Recognition of Palestine by Several Countries.\n"
            "Speaker of Iraqi Parliament Urges Guterres to Halt Genocide in Gaza.")
    acts = actors(pipe, text)
    assert "p:antonio-guterres" not in acts and "c:IRQ" not in acts
    assert not any("KAZAKOV" in m["text"] for a in acts.values() for m in a["mentions"])


# --------------------------------------------------------------------------- the index and user files

def test_index_for_token_at_and_on_the_fly(pipe):
    text = "Russian forces shelled Kharkiv. The Kremlin said it would respond. Talks in Moscow ended."
    pdoc = run(pipe, text)
    idx = ActorIndex(pdoc)
    assert ActorIndex(pdoc) is idx  # built once per document
    doc = pdoc.doc
    forces = next(t for t in doc if t.text == "forces")
    assert idx.for_token(forces)["id"] == "o:russian-armed-forces"
    it = next(t for t in doc if t.text == "it")
    assert idx.for_token(it)["id"] == "o:kremlin"
    s = text.index("The Kremlin")
    assert idx.at(s, s + len("The Kremlin"))["id"] == "o:kremlin"
    ids = [r["id"] for r in pdoc.results["actors"]]
    assert "c:RUS" not in ids  # "in Moscow" is a place...
    moscow = next(t for t in doc if t.text == "Moscow")
    assert idx.for_token(moscow)["id"] == "c:RUS"  # ...until an event asks about it
    assert pdoc.results["actors"][-1]["id"] == "c:RUS"
    assert idx.resolve_phrase(doc[0:2])["id"] == "o:russian-armed-forces"


def test_user_actor_file(pipe, tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text("people:\n  - name: Jane Example\n    aliases: [Example]\n    gender: f\n    country: GBR\n"
                 "    roles:\n      - {title: Minister for Africa, office: [minister], from: 2025-01-01}\n",
                 encoding="utf-8")
    text = "Jane Example met officials in Nairobi. Example said she was hopeful."
    acts = actors(pipe, text, options={"actors_files": [str(f)]})
    jane = acts["p:jane-example"]
    assert jane["known"] and jane["country"] == "GBR" and jane["role"] == "Minister for Africa"
    assert texts(jane) == ["Jane Example", "Example", "she"]
    assert "p:jane-example" not in actors(pipe, text)


# --------------------------------------------------------------------------- the seeds

def test_seed_actors(pipe, shared):
    import yaml

    gold = yaml.safe_load((shared / "gold" / "seeds.yaml").read_text(encoding="utf-8"))
    found = linked = total = 0
    for d in gold["documents"]:
        text = (shared / "seeds" / d["file"]).read_text(encoding="utf-8")
        pdoc = pipe.parse({"id": d["file"], "text": text})
        recs = ActorIndex(pdoc).records
        for g in d.get("actors") or []:
            a = next((r for r in recs if r["name"] == g["name"]), None)
            found += a is not None and a["country"] == g["country"]
            have = {m["text"].replace("’", "'").lower() for m in (a or {}).get("mentions", [])}
            for m in g.get("mentions") or []:
                total += 1
                linked += m.replace("’", "'").lower() in have
    assert found == 26
    assert linked >= total - 2  # with the small model; md links all but one


# --------------------------------------------------------------------------- variants and long names

def test_misspelt_full_name_links_to_the_known_person(pipe):
    acts = actors(pipe, "President Francois Mitterand received the envoy. Omar Hassan al-Bashir arrived later.")
    assert "p:francois-mitterrand" in acts and acts["p:francois-mitterrand"]["country"] == "FRA"
    assert acts["p:omar-hassan-ahmad-al-bashir"]["country"] == "SDN"


def test_name_spanning_a_possessive_and_of(pipe):
    acts = actors(pipe, "The Democratic People's Republic of Korea fired a ballistic missile on Sunday.")
    assert "c:PRK" in acts and "c:KOR" not in acts


def test_west_inside_another_name_is_not_the_west(pipe):
    acts = actors(pipe, "Settlers attacked a village in the West Bank. Benin admitted most West Africans.")
    assert "c:WEST" not in acts
    assert "c:WEST" in actors(pipe, "The West has imposed sanctions on Russia.")


def test_another_countrys_institution_is_not_ours(pipe):
    acts = actors(pipe, "Opponents of Rwanda's Senate protested in Kigali on Monday.")
    assert "o:united-states-congress" not in acts


# -- names several countries share: the article decides -----------------------------------------

def _countries_of(nlp_sm, text):
    from wiresift.pipeline import Pipeline

    (res,) = Pipeline("sm").pipe([{"id": "t", "text": text}])
    return {a["country"] for a in res["actors"] if a["name"] and "Congo" in a["name"]}


def test_congo_alone_is_the_drc(nlp_sm):
    assert _countries_of(nlp_sm, "Congo protested to Rwanda about the shelling.") == {"COD"}


def test_congo_in_a_brazzaville_story_is_the_republic(nlp_sm):
    text = ("President Denis Sassou Nguesso voted in Brazzaville on Sunday. Turnout in Pointe-Noire "
            "was low, and Congo's opposition rejected the count.")
    assert _countries_of(nlp_sm, text) == {"COG"}


def test_korea_alone_is_a_country_not_an_indian_district():
    from wiresift.kb.gazetteer import load

    best = load().lookup("Korea")[0].place
    assert (best.cc, best.level) == ("KR", "country")
