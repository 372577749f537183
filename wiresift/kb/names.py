"""Name keys and ids shared by the actor build script and the loader.

Lookups must not care how a newswire spells a name: "U.S." and "US", "Erdoğan" and "Erdogan",
"Zelensky's" and "Zelensky", "al-Assad" and "Al Assad" are the same key. Both the build script
(which writes alias keys into the package data) and the loader (which normalises user files and
queries) import this module, so the two can never disagree on what a key is.
"""
from __future__ import annotations

import functools
import re
import unicodedata

# Letters that NFKD does not split into base + accent.
_FOLD = str.maketrans({
    "ß": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
    "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "ı": "i",
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "‐": "-", "‑": "-", "–": "-", "—": "-",
})
_POSSESSIVE = re.compile(r"'s?$|'s\b")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_LEADING_THE = re.compile(r"^the ")


def fold(text: str) -> str:
    """Lower-case, strip diacritics and unify quote/dash variants; keeps punctuation."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower()


@functools.lru_cache(maxsize=1 << 17)
def key(text: str) -> str:
    """The lookup key of a name: folded, possessive dropped, dots removed, words joined by spaces.

    Dots are deleted rather than spaced so that "U.S." == "US" and "U.N." == "UN"; hyphens,
    apostrophes and underscores separate words so that "Ki-moon" == "Ki moon" and the Phoenix
    "ANGELA_MERKEL_" == "Angela Merkel". A leading "the" is dropped ("the Kremlin" == "Kremlin").
    Cached: a pure function of the text, asked again for every mention of every name.
    """
    text = fold(text).strip()
    text = _POSSESSIVE.sub("", text)
    text = text.replace(".", "")
    text = _NON_WORD.sub(" ", text).strip()
    return _LEADING_THE.sub("", text)


def slug(text: str) -> str:
    """The id-safe form of a name: "Vladimir Putin" -> "vladimir-putin"."""
    return key(text).replace(" ", "-")


_PARTICLES = {"al", "el", "bin", "ibn", "bint", "von", "van", "der", "den", "de", "du", "da", "di",
              "del", "della", "la", "le", "of", "the", "and", "for", "in", "on", "y", "zu"}
_KEEP_UPPER = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z]{2,3}$|^[B-DF-HJ-NP-TV-Z]{2,6}$")
# Short capitalised words that are words, not acronyms, in the upper-case dictionaries.
_NOT_ACRONYMS = {"inc", "new", "red", "ali", "abd", "bin", "ibn", "the", "and", "for", "air", "oil",
                 "gas", "car", "sea", "art", "war", "law", "one", "two", "aid", "all", "arm", "bay",
                 "big", "day", "far", "key", "low", "net", "old", "our", "out", "sun", "top", "way",
                 "web", "win", "rex", "abu", "umm", "san", "sao", "los", "las", "del", "usa", "gay"}


def display_name(raw: str, acronyms: bool = False) -> str:
    """Readable form of an upper-case dictionary phrase: "BASHAR_AL-ASSAD_" -> "Bashar al-Assad".

    The Phoenix dictionaries are all capitals; people's names are title-cased with name
    particles in lower case (except first). With acronyms=True (organisations), short
    all-capital words stay as they are ("NATO", "UN").
    """
    words = [w for w in raw.replace("_", " ").split() if w]
    out = []
    for i, w in enumerate(words):
        if acronyms and _KEEP_UPPER.match(w) and w.lower() not in _PARTICLES | _NOT_ACRONYMS:
            out.append(w)
            continue
        parts = []
        for j, p in enumerate(w.split("-")):
            low = p.lower()
            if (i > 0 or j > 0) and low in _PARTICLES:
                parts.append(low)
            elif "'" in p and len(p) > 2 and p[1] == "'":  # O'NEILL, D'ESCOTO
                parts.append(p[0].upper() + "'" + p[2:].capitalize())
            else:
                parts.append(p[:1].upper() + p[1:].lower())
        out.append("-".join(parts))
    return " ".join(out)
