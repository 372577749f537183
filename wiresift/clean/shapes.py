"""Line shapes that separate story text from page furniture.

These are judgements about form only (case, length, punctuation), so they hold for any
topic: a heading is short and in Title Case without a full stop; a tag line is a few
lower-case keywords; a headline of another story looks like a heading but sits after the
story has ended.
"""
from __future__ import annotations

import re

from .lexicon import lexicon

_WORDS = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’\-.]*")


def words(s: str) -> list[str]:
    return _WORDS.findall(s)


def title_case_ratio(s: str) -> float:
    """Share of content words that start with a capital (minor words ignored)."""
    minor = lexicon().minor_words
    ws = words(s)
    content = [w for w in ws if w.lower() not in minor]
    if not content:
        return 0.0
    return sum(1 for w in content if w[0].isupper()) / len(content)


def is_headline_like(s: str, max_words: int = 25) -> bool:
    """Title Case, short, at most one final full stop: "Russia Holds Firm on Demands"."""
    s = s.strip()
    ws = words(s)
    if not (2 <= len(ws) <= max_words) or not ws[0][0].isupper():
        return False
    if s.endswith(",") or s.count(". ") > 0:
        return False
    return title_case_ratio(s) >= 0.75


def is_heading(s: str) -> bool:
    """A heading inside the story: headline-like and not ending in a full stop."""
    s = s.strip()
    if s.endswith(".") or len(s) > 120:
        return False
    return is_headline_like(s, max_words=15) or (s.isupper() and 1 <= len(words(s)) <= 8)


def is_tag_line(s: str) -> bool:
    """Stray keyword lines ("alaska talks trump", "Tags: Russia, Ukraine") and page furniture."""
    lex = lexicon()
    low = s.strip().lower()
    bare = low.rstrip(" .:!»>›|")
    if bare in lex.boilerplate:
        return True
    if any(low.startswith(p) for p in lex.tag_prefixes) and len(low) < 300:
        return True
    if s.strip().startswith("#") and all(w.startswith("#") for w in s.split()):
        return True
    ws = s.split()
    if not (1 <= len(ws) <= 8) or low[-1:] in ".!?\"”’'":
        return False
    return all(re.fullmatch(r"[a-z][a-z0-9\-'’]*,?", w) for w in ws)


def unrelated_prefix(s: str) -> bool:
    low = s.strip().lower()
    return any(low.startswith(p) for p in lexicon().unrelated_prefixes)


def has_position_marker(s: str) -> bool:
    return bool(lexicon().position_re.search(s))


_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


def ends_sentence(s: str) -> bool:
    """Terminal punctuation, possibly inside closing quotes: "… he said." / "… 'mess.'"."""
    return bool(_ENDS_SENTENCE.search(s))


_STOP = frozenset("""about after again against also among been before being between both could from have
having here into more most much only other over said says same some such than that their them then
there these they this those through under until very were what when where which while will with would
your year years week weeks""".split())


def content_words(s: str) -> set[str]:
    """Lower-cased words of four letters or more, minus function words: a story's vocabulary."""
    return {w.lower().strip(".'’-") for w in words(s) if len(w) > 3 and w.lower() not in _STOP}
