"""The working records of in-article actor resolution: candidates and actors in the making.

Shared by the resolver's rule modules (``actor_names``, ``actor_phrases``, ``actor_roles``)
and its core (``actors``); nothing here knows how a candidate is found or resolved.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from wiresift.kb.actors import Actor

from .actor_resolve import NameHit

SINGULAR_TAGS = frozenset({"NN", "NNP"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})


@dataclass
class DocActor:
    """An actor as resolved in one document, before it becomes a record."""

    id: str
    kind: str  # person | organisation | country | group
    name: str
    known: bool = True
    kb: Actor | None = None
    country: str | None = None
    sector: str | None = None
    gender: str | None = None
    plural: bool = False
    descs: list[str] = field(default_factory=list)  # titles the text gives it (undated mentions)
    desc_words: set[str] = field(default_factory=set)
    record: dict | None = None


@dataclass
class Cand:
    """A span that may mention an actor."""

    start: int  # token range of the mention text
    end: int
    head: int  # token index of the phrase head
    kind: str  # name | title-name | title | desc | group | relation | ministry | orgdesc | pronoun
    core: tuple[int, int] = (0, 0)  # the name proper / head phrase
    hit: NameHit | None = None
    how: str = ""
    weak: bool = False  # single-token name awaiting confirmation
    unknown: bool = False  # PERSON entity the knowledge base does not know
    modifier: bool = False  # modifies another noun: not a mention of its own
    locative: bool = False  # a place where something happens ("in Moscow")
    consumed: bool = False  # part of another mention's description
    aid: str | None = None
    desc: str = ""  # title words before a name ("Russian President")
    desc_range: tuple[int, int] = (0, 0)
