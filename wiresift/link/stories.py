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
from dataclasses import dataclass, field

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
    articles in its window that share something with it (cosine at least ``min_cosine``, or a
    quotation). These are the dot products the story centroids are built from (see ``assign``).
    Batch articles are already posted, so pairs inside the batch come back too."""
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
    floor = float(st["min_cosine"])
    min_q = int(st["quote_trigrams"])
    # The dates any candidate may have: postings outside them are never read (they are stored in
    # arrival order, which is close to date order, so the scan skips most of an old store).
    los = [lo for lo, _ in windows.values()]
    his = [hi for _, hi in windows.values()]
    lo_all, hi_all = min(los), max(his)
    # Two stages: candidates are the articles in the window sharing one of the article's k most
    # distinctive features (weight x idf); the cosine is then computed over all features, for
    # those candidates only, and pairs that share next to nothing are dropped in the database.
    rows = con.execute(f"""
        WITH q AS MATERIALIZED (
            SELECT p.article_id AS qid, p.feature, p.kind, p.weight, w.lo, w.hi
            FROM link_postings p JOIN _win w ON w.article_id = p.article_id),
        qdf AS (SELECT d.feature, d.df FROM link_df d WHERE d.feature IN (SELECT feature FROM q)),
        qw AS MATERIALIZED (
            SELECT q.*, qdf.df, ln(({n} + 1) / (qdf.df + 0.5)) AS idf FROM q JOIN qdf ON qdf.feature = q.feature
            WHERE qdf.df <= {stop_df}),
        top AS (
            SELECT qid, feature, lo, hi FROM qw WHERE df <= {retrieval_df}
            QUALIFY row_number() OVER (PARTITION BY qid ORDER BY weight * idf DESC, feature) <= {k}),
        win AS MATERIALIZED (
            SELECT article_id, day, feature, kind, weight FROM link_postings
            WHERE day IS NULL OR day BETWEEN DATE '{lo_all}' AND DATE '{hi_all}'),
        cands AS MATERIALIZED (
            SELECT DISTINCT t.qid, p.article_id AS cid FROM top t
            JOIN win p ON p.feature = t.feature AND p.article_id <> t.qid
                 AND (p.day IS NULL OR p.day BETWEEN t.lo AND t.hi)),
        cp AS (SELECT article_id, feature, weight FROM win WHERE article_id IN (SELECT cid FROM cands)),
        -- Products feature by feature first, then only the candidate pairs: joining the pairs to
        -- the article's features first made every feature meet every candidate (~1M rows for 64
        -- articles against a 3,000-article window) before the shared ones were found.
        pf AS MATERIALIZED (
            SELECT qw.qid, cp.article_id AS cid, qw.kind, qw.weight * cp.weight * qw.idf * qw.idf AS x
            FROM qw JOIN cp ON cp.feature = qw.feature),
        dots AS MATERIALIZED (
            SELECT pf.qid, pf.cid, pf.kind, sum(pf.x) AS dot, count(*) AS n
            FROM pf SEMI JOIN cands c ON c.qid = pf.qid AND c.cid = pf.cid
            GROUP BY pf.qid, pf.cid, pf.kind),
        np AS (
            SELECT article_id, feature, weight FROM win WHERE article_id IN (SELECT cid FROM cands UNION SELECT qid FROM cands)
            AND kind <> 'q'),
        ndf AS (SELECT d.feature, d.df FROM link_df d WHERE d.feature IN (SELECT feature FROM np)),
        norms AS MATERIALIZED (
            SELECT np.article_id, sqrt(sum(power(np.weight * ln(({n} + 1) / (ndf.df + 0.5)), 2))) AS norm
            FROM np JOIN ndf ON ndf.feature = np.feature AND ndf.df <= {stop_df}
            GROUP BY np.article_id),
        tot AS (
            SELECT qid, cid, sum(CASE WHEN kind = 'q' THEN 0 ELSE dot END) AS dot,
                   sum(CASE WHEN kind = 'q' THEN n ELSE 0 END) AS shared_q
            FROM dots GROUP BY qid, cid),
        keep AS (
            SELECT t.qid, t.cid FROM tot t JOIN norms a ON a.article_id = t.qid JOIN norms b ON b.article_id = t.cid
            WHERE a.norm > 0 AND b.norm > 0 AND (t.dot / (a.norm * b.norm) >= {floor} OR t.shared_q >= {min_q}))
        SELECT d.qid, d.cid, d.kind, CASE WHEN d.kind = 'q' THEN 0 ELSE d.dot / (a.norm * b.norm) END AS part, d.n
        FROM dots d JOIN keep ON keep.qid = d.qid AND keep.cid = d.cid
        JOIN norms a ON a.article_id = d.qid JOIN norms b ON b.article_id = d.cid""").fetchall()
    acc: dict[tuple[str, str], dict] = defaultdict(dict)
    for qid, cid, kind, part, n in rows:
        if kind == "q":  # quotation trigrams only decide "the same quotation" (below), not the cosine
            acc[(qid, cid)]["shared_quote_trigrams"] = n
        else:
            acc[(qid, cid)][kind] = part
    out: dict[str, list[tuple[str, float, dict]]] = defaultdict(list)
    for (qid, cid), parts in acc.items():
        shared_q = parts.pop("shared_quote_trigrams", 0)
        if shared_q >= min_q:
            parts["shared_quote"] = shared_q
        out[qid].append((cid, sum(v for k, v in parts.items() if k != "shared_quote"), parts))
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


@dataclass
class StoryState:
    """What assignment needs to know about the stories already stored: each linked article's
    story, whether it counts in its story's centroid (copies of a wire story do not: they add
    no content, only weight), and each story's squared centroid norm."""
    story: dict[str, str] = field(default_factory=dict)
    in_centroid: set[str] = field(default_factory=set)
    sq_norm: dict[str, float] = field(default_factory=dict)


def load_state(con, article_ids: list[str]) -> StoryState:
    """The stories of the given (candidate) articles and those stories' centroid norms."""
    st = StoryState()
    if not article_ids:
        return st
    for aid, sid, share in con.execute("""
            SELECT m.article_id, m.story_id, m.centroid_share FROM story_members m
            WHERE m.article_id IN (SELECT unnest($1))""", [article_ids]).fetchall():
        st.story[aid] = sid
        if share is None or share > 0:
            st.in_centroid.add(aid)
    sids = sorted(set(st.story.values()))
    if sids:
        st.sq_norm.update(con.execute("""
            SELECT story_id, sum(CASE WHEN centroid_share IS NULL THEN 1.0 ELSE centroid_share END)
            FROM story_members WHERE story_id IN (SELECT unnest($1)) GROUP BY 1""", [sids]).fetchall())
    return st


def assign(order: list[str], sims: dict[str, list[tuple[str, float, dict]]], state: StoryState,
           days: dict[str, dt.date | None], copy_groups: dict[str, str], group_story: dict[str, str],
           settings: dict) -> dict[str, tuple[str, float, str | None, dict, float]]:
    """Story for each article of the batch, in order: (story id, similarity, best-matching
    member, why, centroid share).

    An article is compared with each candidate story as a whole: the cosine between the article
    and the sum of the story's (unit) member vectors, which is the sum of its cosines with the
    members over the norm of that sum. A story told in several articles thus pools their
    vocabulary (one member names the strike, another the union, a third the court ruling),
    where a nearest-member rule needed one member alike enough on its own; and the norm keeps a
    large, loosely knit story from drawing in everything that touches one of its members.
    Members outside the article's window contribute nothing to the sum but stay in the norm, so
    a story that has moved on needs more to be rejoined.

    Dated pairs need ``threshold``. An article without a usable date has no window (two Witkoff
    visits months apart read alike), so it joins only a story that is clearly the best
    (``undated_margin`` ahead of the runner-up) and either alike enough on its own
    (``undated_threshold``), or alike enough (``undated_contest_threshold``) while a rival story
    about the same people is stored (``undated_rival``) and the story's matching members are
    dated: the store then knows more than one event of these people, the text picks one of them
    out and that story's dates place the article in time. Two undated articles have no time
    between them at all, so they need the high threshold. The same quotation reported twice is
    decisive either way.

    ``state`` grows as the batch is assigned, so an article can join a story another batch
    article started a moment ago."""
    st = settings["stories"]
    thr, u_thr, u_margin = float(st["threshold"]), float(st["undated_threshold"]), float(st["undated_margin"])
    u_contest, u_rival = float(st["undated_contest_threshold"]), float(st["undated_rival"])
    out: dict[str, tuple[str, float, str | None, dict, float]] = {}
    for aid in order:
        pairs = [(cid, dot, parts) for cid, dot, parts in sims.get(aid, []) if cid != aid and cid in state.story]
        cg = copy_groups.get(aid)
        if cg and cg in group_story:
            sid = group_story[cg]
            out[aid] = (sid, 1.0, cg, {"copy_of": cg}, 0.0)
            state.story[aid] = sid
            continue
        by_story: dict[str, dict] = {}
        for cid, dot, parts in pairs:
            if cid not in state.in_centroid:
                continue
            fade = _fade(days.get(aid), days.get(cid), st)
            dot *= fade
            parts = {k: (v * fade if k != "shared_quote" else v) for k, v in parts.items()}
            s = by_story.setdefault(state.story[cid], {"dot": 0.0, "kinds": Counter(), "best": None, "undated": False,
                                                     "undated_member": False, "quote": 0})
            s["dot"] += dot
            for k, v in parts.items():
                if k != "shared_quote":
                    s["kinds"][k] += v
            s["quote"] = max(s["quote"], int(parts.get("shared_quote", 0)))
            if s["best"] is None or dot > s["best"][1]:
                s["best"] = (cid, dot)
            if days.get(aid) is None or days.get(cid) is None:
                s["undated"] = True
            if days.get(cid) is None:
                s["undated_member"] = True
        scored = []
        for sid, s in by_story.items():
            norm = math.sqrt(max(state.sq_norm.get(sid, 1.0), 1e-9))
            sim = s["dot"] / norm
            if s["quote"]:
                sim = max(sim, float(st["quote_similarity"]))
            scored.append((sim, sid, s, norm))
        scored.sort(key=lambda t: (-t[0], t[1]))
        pick = None
        if scored:
            sim, sid, s, norm = scored[0]
            runner_up = scored[1][0] if len(scored) > 1 else 0.0
            if s["quote"]:
                pick = scored[0]
            elif not s["undated"] and sim >= thr:
                pick = scored[0]
            elif s["undated"] and sim - runner_up >= u_margin and (
                    sim >= u_thr or (sim >= u_contest and runner_up >= u_rival and not s["undated_member"])):
                pick = scored[0]
        if pick:
            sim, sid, s, norm = pick
            why = {k: round(v / norm, 4) for k, v in sorted(s["kinds"].items(), key=lambda kv: -kv[1])}
            if s["quote"]:
                why["shared_quote"] = s["quote"]
            share = 1.0 + 2.0 * s["dot"]
            out[aid] = (sid, round(sim, 4), s["best"][0], why, share)
        else:
            sid = story_id_for(aid)
            share = 1.0
            out[aid] = (sid, 1.0, None, {"founded": True}, share)
        state.story[aid] = sid
        state.in_centroid.add(aid)
        state.sq_norm[sid] = state.sq_norm.get(sid, 0.0) + share
        if cg:
            group_story.setdefault(cg, sid)
    return out


def _fade(a: dt.date | None, b: dt.date | None, st: dict) -> float:
    """How much a member's likeness counts, by how many days lie between it and the article:
    1 on the same day, falling linearly to 1 - time_decay at the edge of the window. The next
    day's report on the same people is more likely the same development than one a week on."""
    if a is None or b is None:
        return 1.0
    w = max(int(st["window_days"]), 1)
    return max(0.0, 1.0 - float(st.get("time_decay", 0.0)) * min(abs((a - b).days), w) / w)


def write_members(con, assigned: dict[str, tuple[str, float, str | None, dict, float]]) -> None:
    insert_rows(con, "story_members", ("story_id", "article_id", "similarity", "matched", "why", "centroid_share"),
                [(sid, aid, sim, m, json.dumps(why), share) for aid, (sid, sim, m, why, share) in assigned.items()])
    if assigned:
        con.execute("CREATE TEMP TABLE IF NOT EXISTS _story_of (article_id VARCHAR, story_id VARCHAR)")
        con.execute("DELETE FROM _story_of")
        insert_rows(con, "_story_of", ("article_id", "story_id"), [(a, v[0]) for a, v in assigned.items()])
        con.execute("""UPDATE article_links SET story_id = s.story_id FROM _story_of s
                       WHERE article_links.article_id = s.article_id""")
