"""The word lists the in-article actor resolver reads, loaded once per process.

The knowledge base (``wiresift.kb.actors``) knows *who* a name or an office stands for. Whether
a word in running text is a title ("the Russian leader"), a group noun ("European capitals"),
a pronoun with a gender, or a surname too common to trust without context, is a property of
English news prose, not of any actor; those lists live in two data files beside the knowledge
base (``data/actors/mentions.yaml`` and ``data/actors/coref.yaml``) so that they can be
extended without touching code.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from wiresift.kb.names import key
from wiresift.paths import DATA_DIR, read_yaml

ACTORS_DIR = DATA_DIR / "actors"
_LOCK = threading.Lock()
_WORDS: "Words | None" = None


@dataclass(frozen=True)
class Pronoun:
    gender: str | None  # m | f | n | None (they)
    number: str  # sg | pl
    case: str  # subj | obj | poss | refl


@dataclass(frozen=True)
class Bloc:
    id: str
    name: str
    country: str


@dataclass(frozen=True)
class Words:
    titles: dict[str, str | None]
    honorifics: frozenset[str]
    past_markers: frozenset[str]
    future_markers: frozenset[str]
    present_markers: frozenset[str]
    members: dict[str, str | None]
    group_nouns: dict[str, str | None]
    blocs: dict[str, Bloc]
    org_descriptions: dict[str, dict]
    ministries: dict[str, dict]
    relations: frozenset[str]
    locative_preps: frozenset[str]
    common_surnames: frozenset[str]
    sector_names: dict[str, str]
    pronouns: dict[str, Pronoun]
    pleonastic_it: frozenset[str]
    pleonastic_passive: frozenset[str]
    speech_verbs: frozenset[str]
    male_words: frozenset[str]
    female_words: frozenset[str]
    male_names: frozenset[str]
    female_names: frozenset[str]

    @property
    def phrase_heads(self) -> frozenset[str]:
        """Last words of every title, member, group, relation and organisation-description
        entry: a noun that is none of these heads no phrase the resolver reads."""
        heads = self.__dict__.get("_heads")
        if heads is None:
            heads = set()
            for table in (self.titles, self.members, self.group_nouns, self.org_descriptions):
                heads.update(k.split()[-1] for k in table)
            heads.update(r.split("-")[0] for r in self.relations)
            heads.add("ministry")
            heads = frozenset(heads)
            object.__setattr__(self, "_heads", heads)
        return heads

    def titled(self, word: str) -> bool:
        """Is the (lower-case) word a title or an honorific ("president", "gen.")? Memoised:
        asked for most tokens of every article."""
        memo = self.__dict__.get("_titled")
        if memo is None:
            memo = {}
            object.__setattr__(self, "_titled", memo)
        got = memo.get(word)
        if got is None:
            got = memo[word] = word.rstrip(".") in self.honorifics or _suffix(self.titles, word) is not None
        return got

    def title(self, phrase: str) -> tuple[str, str | None] | None:
        """The longest title the phrase ends with: "Kremlin press secretary" -> ("press
        secretary", "GOV"); None when its last word is not a title."""
        return _suffix(self.titles, phrase)

    def member(self, phrase: str) -> tuple[str, str | None] | None:
        return _suffix(self.members, phrase)

    def group_noun(self, phrase: str) -> tuple[str, str | None] | None:
        return _suffix(self.group_nouns, phrase)

    def gender_word(self, word: str) -> str | None:
        w = word.lower().rstrip(".")
        if w in self.male_words:
            return "m"
        if w in self.female_words:
            return "f"
        return None

    def given_name_gender(self, first: str) -> str | None:
        w = key(first)
        if w in self.male_names:
            return "m"
        if w in self.female_names:
            return "f"
        return None


def _suffix(table: dict, phrase: str):
    words = phrase.lower().split()
    for i in range(len(words)):
        tail = " ".join(words[i:])
        if tail in table:
            return tail, table[tail]
    return None


def _load_yaml(path: Path) -> dict:
    return read_yaml(path) or {}


def _lower_set(items) -> frozenset[str]:
    return frozenset(str(x).lower() for x in items or ())


def load_words(data_dir: Path | None = None) -> Words:
    base = Path(data_dir) if data_dir else ACTORS_DIR
    m = _load_yaml(base / "mentions.yaml")
    c = _load_yaml(base / "coref.yaml")
    blocs: dict[str, Bloc] = {}
    for b in m.get("blocs") or ():
        bloc = Bloc(b["id"], b["name"], b["country"])
        for w in b.get("words") or ():
            blocs[key(w)] = bloc
    pronouns = {w.lower(): Pronoun(p.get("gender"), p.get("number", "sg"), p.get("case", "subj"))
                for w, p in (c.get("pronouns") or {}).items()}
    return Words(
        titles={k.lower(): v for k, v in (m.get("titles") or {}).items()},
        honorifics=frozenset(h.lower().rstrip(".") for h in m.get("honorifics") or ()),
        past_markers=_lower_set(m.get("past_markers")),
        future_markers=_lower_set(m.get("future_markers")),
        present_markers=_lower_set(m.get("present_markers")),
        members={k.lower(): v for k, v in (m.get("members") or {}).items()},
        group_nouns={k.lower(): v for k, v in (m.get("group_nouns") or {}).items()},
        blocs=blocs,
        org_descriptions={k.lower(): (v or {}) for k, v in (m.get("org_descriptions") or {}).items()},
        ministries={k.lower(): v for k, v in (m.get("ministries") or {}).items()},
        relations=_lower_set(m.get("relations")),
        locative_preps=_lower_set(m.get("locative_preps")),
        common_surnames=_lower_set(m.get("common_surnames")),
        sector_names=dict(m.get("sector_names") or {}),
        pronouns=pronouns,
        pleonastic_it=_lower_set(c.get("pleonastic_it")),
        pleonastic_passive=_lower_set(c.get("pleonastic_passive")),
        speech_verbs=_lower_set(c.get("speech_verbs")),
        male_words=_lower_set(c.get("male_words")),
        female_words=_lower_set(c.get("female_words")),
        male_names=_lower_set(c.get("male_names")),
        female_names=_lower_set(c.get("female_names")),
    )


def words() -> Words:
    """The shipped word lists, loaded on first use and shared by every document."""
    global _WORDS
    if _WORDS is None:
        with _LOCK:
            if _WORDS is None:
                _WORDS = load_words()
    return _WORDS
