"""Text normalisation shared by the linkers: words, shingles, quote folding, stable hashes.

Linking works from what the store holds (article text, sections, extracted records), not from
spaCy objects, so `wiresift relink` can recompute everything without re-parsing. The word
features here are therefore regex-based and deliberately plain: lower case, stop words out,
a light plural fold. They only need to agree between two articles, not be linguistically right.
"""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from spacy.lang.en.stop_words import STOP_WORDS

# Typographic variants outlets differ on: curly quotes, primes, dashes, non-breaking spaces.
FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
                      "‚": "'", "′": "'", "—": "-", "–": "-", "‑": "-", "\u00a0": " ", "…": "..."})

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
_TOKEN = re.compile(r"[\w*]+(?:['’.,][\w*]+)*%?|%", re.UNICODE)
EXTRA_STOP = {"said", "says", "told", "year", "years", "would", "could", "also", "mr", "mrs", "ms",
              "reuters", "reporters", "according", "added", "new", "one", "two", "last", "week",
              "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "pct", "mln", "dlrs", "billion", "million", "percent"}
STOP = {w.lower() for w in STOP_WORDS} | EXTRA_STOP


def fold(text: str) -> str:
    """NFKC, typographic quotes and dashes folded: what two outlets' copies should agree on."""
    return unicodedata.normalize("NFKC", text or "").translate(FOLD)


def stem(word: str) -> str:
    """A light fold of plurals and possessives ("talks" -> "talk", "Russia's" -> "russia")."""
    w = word.removesuffix("'s").removesuffix("'")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def content_words(text: str) -> list[str]:
    """Lower-cased, stemmed words without stop words, in text order."""
    out = []
    for w in _WORD.findall(fold(text).lower()):
        if len(w) < 3 or w in STOP:
            continue
        w = stem(w)
        if w not in STOP:
            out.append(w)
    return out


def shingle_words(text: str) -> list[str]:
    """Words for copy detection: every word, case and punctuation folded (copies differ in
    neither), so shingles see the actual sentence rather than its content words."""
    return re.findall(r"\w+", fold(text).lower())


def shingles(words: list[str], k: int) -> set[bytes]:
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


def hash64(s: str) -> int:
    """A stable signed 64-bit hash (Python's hash() changes between processes)."""
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def short_id(prefix: str, *parts: str) -> str:
    h = hashlib.blake2b("\x00".join(parts).encode("utf-8"), digest_size=6).hexdigest()
    return f"{prefix}-{h}"


# -- quotes ---------------------------------------------------------------------------------

@functools.lru_cache(maxsize=65536)
def quote_tokens(text: str) -> tuple[tuple[str, str], ...]:
    """(normalised, surface) tokens of a quotation. Normalised tokens fold case, quote marks
    and "%"/"per cent" to "percent", so the differences left are real wording differences
    (censored words are matched separately, see ``censor_match``). Surfaces keep the
    characters as written, so typographic differences can still be shown."""
    t = unicodedata.normalize("NFKC", text or "")
    out: list[tuple[str, str]] = []
    for m in _TOKEN.finditer(t):
        surf = m.group(0)
        norm = fold(surf).lower().strip("'.,")
        if not norm:
            continue
        if norm in ("%", "pct"):
            norm = "percent"
        mm = re.fullmatch(r"(\d[\d.,]*)%", norm)  # "10%" written together: number and sign
        if mm:
            out.append((mm.group(1), surf[:-1]))
            out.append(("percent", "%"))
            continue
        out.append((norm, surf))
    merged: list[tuple[str, str]] = []
    for tok in out:  # "per cent" -> "percent"
        if merged and merged[-1][0] == "per" and tok[0] == "cent":
            merged[-1] = ("percent", merged[-1][1] + " " + tok[1])
        else:
            merged.append(tok)
    return tuple(merged)


def censor_match(a: str, b: str) -> bool:
    """True when one word is a censored spelling of the other ("bulls**t" / "bullshit",
    "sh*t" / "shit"): letters outside the asterisks agree and the asterisks cover at least
    one letter."""
    if a == b:
        return True
    if "*" not in a and "*" not in b:
        return False
    if "*" in a and "*" in b:
        return False
    masked, plain = (a, b) if "*" in a else (b, a)
    pattern = "^" + "".join(r"\w+" if ch == "*" else re.escape(ch) for ch in re.sub(r"\*+", "*", masked)) + "$"
    return re.match(pattern, plain) is not None
