"""Copy groups: the same wire story carried by several outlets, trimmed or retitled.

A MinHash (datasketch) over word shingles of the cleaned body estimates how much two texts
share; LSH bands of that signature, kept in the ``lsh_buckets`` table, find the candidates
without comparing against every stored article: a new article looks up its own band keys,
a join on (band, bucket) returns the few stored articles that share one. Candidates are
confirmed on the estimated Jaccard, or on the estimated containment of the shorter text in
the longer one, which is what a trimmed copy has (a 300-word cut of a 900-word story has a
Jaccard near 0.33 but a containment near 1).

Counts of independent sources are counts of copy groups: five outlets running one wire
story are one source. Exact copies (same text, another url: ``articles.copy_of``) join the
group of their original even when they are too short for shingles.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ..store import insert_rows
from .articles import BODY_KINDS, LinkDoc
from .text import hash64, shingle_words, shingles

SEED = 1  # fixed: signatures in the store must stay comparable across processes and versions


@dataclass
class Signature:
    article_id: str
    hashvalues: np.ndarray
    n_shingles: int

    def jaccard(self, other: "Signature") -> float:
        if self.hashvalues.shape != other.hashvalues.shape:
            return 0.0
        return float(np.mean(self.hashvalues == other.hashvalues))

    def containment(self, other: "Signature", j: float | None = None) -> float:
        """Estimated share of the smaller shingle set inside the larger one, from the
        Jaccard and the two set sizes: |A∩B| = J(|A|+|B|)/(1+J)."""
        j = self.jaccard(other) if j is None else j
        small = min(self.n_shingles, other.n_shingles)
        if small <= 0:
            return 0.0
        inter = j * (self.n_shingles + other.n_shingles) / (1 + j)
        return min(1.0, inter / small)


def _minhash(**kwargs):
    """A datasketch MinHash, imported on first use: datasketch's package import pulls in its LSH
    and scipy (about 0.3 s), which every `wiresift` command would otherwise pay at start-up
    although only linking makes signatures."""
    from datasketch import MinHash

    return MinHash(**kwargs)


@functools.lru_cache(maxsize=4)
def _permutations(num_perm: int):
    """The permutation parameters MinHash draws from its seed: the same for every signature,
    so drawn once (datasketch otherwise redraws them for each article). Returned with the
    permutation scheme of the default MinHash, which datasketch wants named alongside them."""
    m = _minhash(num_perm=num_perm, seed=SEED)
    return {"permutations": m.permutations, "scheme": m.scheme}


def signature(doc: LinkDoc, settings: dict) -> Signature:
    cs = settings["copies"]
    words = shingle_words(doc.section_text(BODY_KINDS))
    sh = shingles(words, int(cs["shingle_words"]))
    num_perm = int(cs["num_perm"])
    m = _minhash(num_perm=num_perm, seed=SEED, **_permutations(num_perm))
    if sh:
        m.update_batch(list(sh))
    return Signature(doc.id, m.hashvalues.copy(), len(sh))


def band_keys(sig: Signature, settings: dict) -> list[int]:
    cs = settings["copies"]
    b, r = int(cs["bands"]), int(cs["rows"])
    hv = sig.hashvalues[: b * r]
    return [hash64(f"{i}:" + hv[i * r:(i + 1) * r].tobytes().hex()) for i in range(b)]


def from_blob(article_id: str, blob: bytes | None, n: int | None, dtype) -> Signature | None:
    if blob is None:
        return None
    return Signature(article_id, np.frombuffer(blob, dtype=dtype), n or 0)


def index(con, sigs: list[Signature], settings: dict) -> None:
    """Add the batch's band keys to the LSH table (articles too short for shingles are left out)."""
    min_sh = int(settings["copies"]["min_shingles"])
    rows = []
    for s in sigs:
        if s.n_shingles < min_sh:
            continue
        for band, key in enumerate(band_keys(s, settings)):
            rows.append((band, key, s.article_id))
    insert_rows(con, "lsh_buckets", ("band", "bucket", "article_id"), rows)


def candidates(con, ids: list[str]) -> dict[str, set[str]]:
    """Stored articles sharing at least one LSH bucket with each of ``ids`` (batch included)."""
    if not ids:
        return {}
    rows = con.execute("""
        WITH q AS (SELECT band, bucket, article_id FROM lsh_buckets WHERE article_id IN (SELECT unnest($1)))
        SELECT DISTINCT q.article_id, b.article_id FROM q
        JOIN lsh_buckets b ON b.band = q.band AND b.bucket = q.bucket AND b.article_id <> q.article_id""",
                       [ids]).fetchall()
    out: dict[str, set[str]] = {}
    for a, b in rows:
        out.setdefault(a, set()).add(b)
    return out


def is_copy(a: Signature, b: Signature, settings: dict) -> tuple[bool, float, float]:
    """(copy?, jaccard, containment) of two signatures under the settings."""
    cs = settings["copies"]
    if min(a.n_shingles, b.n_shingles) < int(cs["min_shingles"]):
        return False, 0.0, 0.0
    j = a.jaccard(b)
    c = a.containment(b, j)
    return (j >= float(cs["min_jaccard"]) or c >= float(cs["min_containment"])), j, c
