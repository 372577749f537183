"""Stories: online clustering of articles as they arrive, with no full recompute.

An article is described by weighted features: its content words, named entities, actor ids,
places and event dyads (who did something to whom). Each feature is stored once in
``link_postings`` with the article's date, and ``link_df`` counts the articles holding it, so
TF-IDF weights stay current as the store grows. A new article retrieves its candidates with
one join on its most distinctive features (the top ``retrieval_features`` among those in at
most ``retrieval_max_df_share`` of the store), restricted to the time window; the cosine over
all its features is then computed for those candidates only. The work follows the number of
articles in the window that share a rare feature, not the size of the store.

The article joins the story of its most similar earlier article (nearest neighbour, as in
first-story detection) when that similarity reaches the threshold, else it starts a story.
Copies of a wire story always join the story of their copy group. Undated articles are
compared within their publication-date estimate, and without one they need a higher
similarity, since no window protects them from a look-alike story months apart.
"""
from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter, defaultdict

from ..store import insert_rows
from .articles import LinkDoc
from .text import content_words, hash64, quote_tokens, short_id
from .variants import quoted_words

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
FAR_PAST = dt.date(1, 1, 1)
FAR_FUTURE = dt.date(9999, 12, 31)


def _norm_entity(text: str) -> str:
    t = " ".join(text.lower().replace("’", "'").split())
    for pre in ("the ",):
        if t.startswith(pre):
            t = t[len(pre):]
    return t.removesuffix("'s")


def features(doc: LinkDoc, settings: dict) -> list[tuple[str, str, float]]:
    """(kind, key, weight) for an article: w words, e entities, a actors, p places, q word
    trigrams of its quotations (the same quote reported twice is the strongest sign of one
    story), d event dyads."""
    st = settings["stories"]
    kw = st["weights"]
    out: list[tuple[str, str, float]] = []
    words = Counter(content_words(doc.section_text()))
    boost = int(st.get("title_boost", 0))
    for w in set(content_words(doc.title or "")) if boost > 0 else ():  # a headline names what the article is about
        words[w] += boost
    for w, n in sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[: int(st["max_terms"])]:
        out.append(("w", w, kw["w"] * (1 + math.log(n))))
    ents = Counter(_norm_entity(t) for t, label in doc.entities if label in ENTITY_LABELS and len(t) > 1)
    for e, n in ents.items():
        if e:
            out.append(("e", e, kw["e"] * (1 + math.log(n))))
    for a, n in doc.actors.items():
        out.append(("a", a, kw["a"] * (1 + math.log(n))))
    for p, n in doc.places.items():
        out.append(("p", p, kw["p"] * (1 + math.log(n))))
    quoted = Counter()
    for q in doc.quotes:
        words = quoted_words(q)
        if words:
            toks = [n for n, _ in quote_tokens(words) if "*" not in n]
            for i in range(len(toks) - 2):
                quoted[" ".join(toks[i:i + 3])] += 1
    for g, n in quoted.items():
        out.append(("q", g, kw["q"]))
    dyads = Counter()
    for ev in doc.events:
        for a in ev.get("actors", []):
            for r in ev.get("recipients", []):
                if a.get("id") and r.get("id") and a["id"] != r["id"]:
                    dyads["|".join(sorted((a["id"], r["id"])))] += 1
    for d, n in dyads.items():
        out.append(("d", d, kw["d"] * (1 + math.log(n))))
    return out


def post(con, docs: list[LinkDoc], days: dict[str, dt.date | None], settings: dict) -> None:
    """Add the batch's features to the postings and document frequencies."""
    rows = []
    df = Counter()
    for d in docs:
        seen = set()
        for kind, key, w in features(d, settings):
            f = hash64(f"{kind}:{key}")
            if f in seen:
                continue
            seen.add(f)
            rows.append((d.id, days.get(d.id), f, kind, key, w))
            df[f] += 1
    insert_rows(con, "link_postings", ("article_id", "day", "feature", "kind", "key", "weight"), rows)
    _bump_df(con, df, +1)


def unpost(con, ids: list[str]) -> None:
    """Take articles out of the postings and document frequencies (before re-linking them)."""
    rows = con.execute("SELECT feature, count(*) FROM link_postings WHERE article_id IN (SELECT unnest($1)) GROUP BY 1",
                       [ids]).fetchall()
    if rows:
        _bump_df(con, Counter(dict(rows)), -1)
    con.execute("DELETE FROM link_postings WHERE article_id IN (SELECT unnest($1))", [ids])


def _bump_df(con, df: Counter, sign: int) -> None:
    if not df:
        return
    con.execute("CREATE TEMP TABLE IF NOT EXISTS _df_delta (feature BIGINT, n INTEGER)")
    con.execute("DELETE FROM _df_delta")
    insert_rows(con, "_df_delta", ("feature", "n"), [(f, sign * n) for f, n in df.items()])
    con.execute("""INSERT INTO link_df (feature, df) SELECT feature, n FROM _df_delta
                   ON CONFLICT (feature) DO UPDATE SET df = link_df.df + excluded.df""")
    if sign < 0:
        con.execute("DELETE FROM link_df WHERE df <= 0")


def set_day(con, article_id: str, day: dt.date | None) -> None:
    con.execute("UPDATE link_postings SET day = ? WHERE article_id = ?", [day, article_id])


def similarities(con, windows: dict[str, tuple[dt.date, dt.date]], n_articles: int, settings: dict
                 ) -> dict[str, list[tuple[str, float, dict]]]:
    """For each batch article: (other article, cosine, contribution by feature kind) for the
    articles in its window that reach the story threshold (or share a quotation). Batch
    articles are already posted, so pairs inside the batch come back too."""
    if not windows:
        return {}
    st = settings["stories"]
    stop_df = max(float(st["max_df_share"]) * n_articles, float(st["min_stop_df"]))
    con.execute("CREATE TEMP TABLE IF NOT EXISTS _win (article_id VARCHAR, lo DATE, hi DATE)")
    con.execute("DELETE FROM _win")
    insert_rows(con, "_win", ("article_id", "lo", "hi"), [(a, lo, hi) for a, (lo, hi) in windows.items()])
    # Smoothed IDF: a small store has not seen enough articles to know which words are common,
    # so it counts `idf_prior_docs` imaginary articles holding none of the features.
    n = float(n_articles) + float(st.get("idf_prior_docs", 0))
    k = int(st["retrieval_features"])
    retrieval_df = max(float(st["retrieval_max_df_share"]) * n_articles, float(st["min_stop_df"]))
    floor = min(float(st["threshold"]), float(st["undated_threshold"]))
    min_q = int(st["quote_trigrams"])
    # Two stages: candidates are the articles in the window sharing one of the article's k most
    # distinctive features (weight x idf); the cosine is then computed over all features, for
    # those candidates only, and pairs below the threshold are dropped in the database.
    rows = con.execute(f"""
        WITH q AS (
            SELECT p.article_id AS qid, p.feature, p.kind, p.weight, w.lo, w.hi
            FROM link_postings p JOIN _win w ON w.article_id = p.article_id),
        qw AS (
            SELECT q.*, ln(({n} + 1) / (d.df + 0.5)) AS idf FROM q JOIN link_df d ON d.feature = q.feature
            WHERE d.df <= {stop_df}),
        top AS (
            SELECT qid, feature, lo, hi FROM qw WHERE feature IN (SELECT feature FROM link_df WHERE df <= {retrieval_df})
            QUALIFY row_number() OVER (PARTITION BY qid ORDER BY weight * idf DESC, feature) <= {k}),
        cands AS (
            SELECT DISTINCT t.qid, p.article_id AS cid FROM top t
            JOIN link_postings p ON p.feature = t.feature AND p.article_id <> t.qid
                 AND (p.day IS NULL OR p.day BETWEEN t.lo AND t.hi)),
        cp AS (SELECT article_id, feature, weight FROM link_postings WHERE article_id IN (SELECT cid FROM cands)),
        dots AS (
            SELECT c.qid, c.cid, qw.kind, sum(qw.weight * cp.weight * qw.idf * qw.idf) AS dot, count(*) AS n
            FROM cands c JOIN qw ON qw.qid = c.qid JOIN cp ON cp.article_id = c.cid AND cp.feature = qw.feature
            GROUP BY c.qid, c.cid, qw.kind),
        norms AS (
            SELECT p.article_id, sqrt(sum(power(p.weight * ln(({n} + 1) / (d.df + 0.5)), 2))) AS norm
            FROM link_postings p JOIN link_df d ON d.feature = p.feature AND d.df <= {stop_df}
            WHERE p.article_id IN (SELECT cid FROM cands UNION SELECT qid FROM cands)
            GROUP BY p.article_id),
        tot AS (
            SELECT qid, cid, sum(dot) AS dot, sum(CASE WHEN kind = 'q' THEN n ELSE 0 END) AS shared_q
            FROM dots GROUP BY qid, cid),
        keep AS (
            SELECT t.qid, t.cid FROM tot t JOIN norms a ON a.article_id = t.qid JOIN norms b ON b.article_id = t.cid
            WHERE a.norm > 0 AND b.norm > 0 AND (t.dot / (a.norm * b.norm) >= {floor} OR t.shared_q >= {min_q}))
        SELECT d.qid, d.cid, d.kind, d.dot / (a.norm * b.norm) AS part, d.n
        FROM dots d JOIN keep ON keep.qid = d.qid AND keep.cid = d.cid
        JOIN norms a ON a.article_id = d.qid JOIN norms b ON b.article_id = d.cid""").fetchall()
    acc: dict[tuple[str, str], dict] = defaultdict(dict)
    for qid, cid, kind, part, n in rows:
        acc[(qid, cid)][kind] = part
        if kind == "q":
            acc[(qid, cid)]["shared_quote_trigrams"] = n
    out: dict[str, list[tuple[str, float, dict]]] = defaultdict(list)
    for (qid, cid), parts in acc.items():
        shared_q = parts.pop("shared_quote_trigrams", 0)
        sim = sum(parts.values())
        if shared_q >= min_q:  # the same quotation reported twice: one story
            parts["shared_quote"] = shared_q
            sim = max(sim, float(st["quote_similarity"]))
        out[qid].append((cid, sim, parts))
    for v in out.values():
        v.sort(key=lambda t: -t[1])
    return out


def window(day: dt.date | None, lo: dt.date | None, hi: dt.date | None, settings: dict) -> tuple[dt.date, dt.date]:
    """The dates a candidate may have: the article's date, or its estimate interval, +- the window."""
    w = dt.timedelta(days=int(settings["stories"]["window_days"]))
    if day is not None:
        return _shift(day, -w), _shift(day, w)
    return (_shift(lo, -w) if lo else FAR_PAST), (_shift(hi, w) if hi else FAR_FUTURE)


def _shift(d: dt.date, delta: dt.timedelta) -> dt.date:
    try:
        return d + delta
    except OverflowError:
        return FAR_PAST if delta.days < 0 else FAR_FUTURE


def story_id_for(founder: str) -> str:
    return short_id("s", founder)


def assign(order: list[str], sims: dict[str, list[tuple[str, float, dict]]], known: dict[str, str],
           days: dict[str, dt.date | None], copy_groups: dict[str, str], group_story: dict[str, str],
           settings: dict) -> dict[str, tuple[str, float, str | None, dict]]:
    """Story for each article of the batch, in order: (story id, similarity, matched article, why).

    ``known`` maps already-linked articles to their story; it grows as the batch is assigned,
    so an article can join a story another batch article started a moment ago."""
    st = settings["stories"]
    out: dict[str, tuple[str, float, str | None, dict]] = {}
    for aid in order:
        cg = copy_groups.get(aid)
        if cg and cg in group_story:
            out[aid] = (group_story[cg], 1.0, cg, {"copy_of": cg})
            known[aid] = group_story[cg]
            continue
        best = None
        for cid, sim, parts in sims.get(aid, []):
            if cid not in known or cid == aid:
                continue
            dated = days.get(aid) is not None and days.get(cid) is not None
            need = float(st["threshold"] if dated else st["undated_threshold"])
            if sim >= need and (best is None or sim > best[1]):
                best = (cid, sim, parts)
        if best:
            cid, sim, parts = best
            sid = known[cid]
            out[aid] = (sid, round(sim, 4), cid, {k: round(v, 4) for k, v in sorted(parts.items(), key=lambda kv: -kv[1])})
        else:
            sid = story_id_for(aid)
            out[aid] = (sid, 1.0, None, {"founded": True})
        known[aid] = sid
        if cg:
            group_story.setdefault(cg, sid)
    return out


def write_members(con, assigned: dict[str, tuple[str, float, str | None, dict]]) -> None:
    insert_rows(con, "story_members", ("story_id", "article_id", "similarity", "matched", "why"),
                [(sid, aid, sim, m, json.dumps(why)) for aid, (sid, sim, m, why) in assigned.items()])
    if assigned:
        con.execute("CREATE TEMP TABLE IF NOT EXISTS _story_of (article_id VARCHAR, story_id VARCHAR)")
        con.execute("DELETE FROM _story_of")
        insert_rows(con, "_story_of", ("article_id", "story_id"), [(a, v[0]) for a, v in assigned.items()])
        con.execute("""UPDATE article_links SET story_id = s.story_id FROM _story_of s
                       WHERE article_links.article_id = s.article_id""")
