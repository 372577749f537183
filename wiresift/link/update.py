"""The incremental linking step, run inside each ingest batch's transaction, and relink.

``update(con, article_ids)`` links a batch of newly written articles to everything stored:
publication-date estimates, copy groups, stories, merged events, quote variants, numeric
claim groups, then the rows of the stories it touched. Every piece of state it needs lives
in tables (LSH buckets, postings and document frequencies, group memberships), so a new
process continues exactly where the last one stopped, and a batch that rolls back takes its
links with it. Per-article work is bounded by what is retrieved for the batch: articles in
the time window sharing a rare feature or an LSH bucket, merged events of the same type in
the same stories, quotes of the same speakers, claims of the same quantities.

Re-linking an article that was linked before (``--reprocess``, an accepted date) first takes
its old links out, so update() is idempotent like the batch writer.

``relink`` drops every derived table (never ``link_overrides``: users' splits and accepted
dates) and links all articles again in date order, in one transaction, with the settings in
force: the way to apply new thresholds.
"""
from __future__ import annotations

import datetime as dt
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field

from ..store import insert_rows
from . import copies, merge, numbers, pubdate, stories, summaries, variants
from .articles import LinkDoc, load_docs
from .settings import load as load_settings
from .settings import settings_hash

# Derived tables, in the order relink clears them. link_overrides is not one of them.
DERIVED = ("article_links", "lsh_buckets", "link_postings", "link_df", "stories", "story_members", "merged_events",
           "event_sources", "quote_groups", "quote_variants", "claim_groups", "claim_members", "pubdate_estimates",
           "link_state")
FAR_PAST, FAR_FUTURE = stories.FAR_PAST, stories.FAR_FUTURE


@dataclass
class Touched:
    stories: set = field(default_factory=set)
    merged: set = field(default_factory=set)
    quotes: set = field(default_factory=set)
    claims: set = field(default_factory=set)


class _Clock:
    """Milliseconds spent in each step of an update (the bench reports them)."""

    def __init__(self):
        self.t = time.perf_counter()
        self.ms: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.ms[name] = self.ms.get(name, 0.0) + (now - self.t) * 1000
        self.t = now


def forget(con, ids: list[str], touched: Touched) -> None:
    """Take articles' links out (they are about to be linked again, or are gone)."""
    if not ids:
        return
    q = "(SELECT unnest($1))"
    ids = [r[0] for r in con.execute(f"SELECT article_id FROM article_links WHERE article_id IN {q}", [ids]).fetchall()]
    if not ids:
        return  # new articles: nothing to take out
    touched.stories |= {r[0] for r in con.execute(f"SELECT story_id FROM story_members WHERE article_id IN {q}", [ids]).fetchall()}
    touched.merged |= {r[0] for r in con.execute(f"SELECT merged_id FROM event_sources WHERE article_id IN {q}", [ids]).fetchall()}
    touched.quotes |= {r[0] for r in con.execute(f"SELECT group_id FROM quote_variants WHERE article_id IN {q}", [ids]).fetchall()}
    touched.claims |= {r[0] for r in con.execute(f"SELECT group_id FROM claim_members WHERE article_id IN {q}", [ids]).fetchall()}
    stories.unpost(con, ids)
    for table in ("story_members", "event_sources", "quote_variants", "claim_members", "pubdate_estimates",
                  "lsh_buckets", "article_links"):
        con.execute(f"DELETE FROM {table} WHERE article_id IN {q}", [ids])


def _order(docs: dict[str, LinkDoc], ids: list[str]) -> list[str]:
    pos = {a: i for i, a in enumerate(ids)}
    return sorted(docs, key=lambda a: (docs[a].published or dt.date.max, pos.get(a, 0)))


def _span(days, pad: int) -> tuple[dt.date, dt.date]:
    ds = [d for d in days if d]
    if not ds:
        return FAR_PAST, FAR_FUTURE
    return min(ds) - dt.timedelta(days=pad), max(ds) + dt.timedelta(days=pad)


def update(con, article_ids, settings: dict | None = None) -> dict:
    """Link the given (already written) articles to the store; returns counts."""
    s = settings or load_settings()
    clock = _Clock()
    ids = [r[0] for r in con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest($1))",
                                     [list(dict.fromkeys(article_ids))]).fetchall()]
    touched = Touched()
    gone = sorted(set(article_ids) - set(ids))
    if not ids and not gone:
        return {"articles": 0}
    forget(con, gone + ids, touched)
    docs = load_docs(con, ids)
    order = _order(docs, list(article_ids))

    clock.lap("load")
    # 1. Publication dates: text clues now, the story's dates once it is known.
    acc = pubdate.accepted(con, ids)
    # Accepted dates are used as they are, but their estimates stay on record (computed the same
    # way), so `wiresift pubdates` shows what the evidence said next to what the user accepted.
    clues = {a: pubdate.text_clues(docs[a], s) for a in order if not docs[a].published}
    est = {a: pubdate.estimate(c, s) for a, c in clues.items()}
    eff = {a: pubdate.effective(docs[a].published, acc.get(a), est.get(a), s) for a in order}
    days = {a: eff[a][0] for a in order}

    clock.lap("pubdate")
    # 2. Copy groups.
    sigs = {a: copies.signature(docs[a], s) for a in order}
    copies.index(con, list(sigs.values()), s)
    cands = copies.candidates(con, order)
    others = sorted({c for v in cands.values() for c in v} - set(order)
                    | {docs[a].copy_of for a in order if docs[a].copy_of and docs[a].copy_of not in docs})
    stored = {}
    if others:
        dtype = next(iter(sigs.values())).hashvalues.dtype if sigs else None
        for aid, blob, n, grp in con.execute(
                "SELECT article_id, minhash, n_shingles, copy_group FROM article_links WHERE article_id IN (SELECT unnest($1))",
                [others]).fetchall():
            stored[aid] = (copies.from_blob(aid, blob, n, dtype), grp)
    copy_group: dict[str, str] = {}
    copy_score: dict[str, float | None] = {}
    for a in order:
        best = None
        for c in cands.get(a, ()):
            if c in stored:
                sig_c, grp = stored[c]
            elif c in copy_group:
                sig_c, grp = sigs[c], copy_group[c]
            else:
                continue
            if sig_c is None:
                continue
            ok, j, cont = copies.is_copy(sigs[a], sig_c, s)
            if ok and (best is None or cont > best[0]):
                best = (cont, grp)
        orig = docs[a].copy_of
        if best:
            copy_group[a], copy_score[a] = best[1], round(best[0], 4)
        elif orig and (orig in copy_group or orig in stored):
            copy_group[a], copy_score[a] = (copy_group.get(orig) or stored[orig][1] or orig), 1.0
        else:
            copy_group[a], copy_score[a] = a, None
    insert_rows(con, "article_links", ("article_id", "day", "day_origin", "lo", "hi", "n_shingles", "minhash",
                                       "copy_group", "copy_score"),
                [(a, days[a], eff[a][1], eff[a][2], eff[a][3], sigs[a].n_shingles, sigs[a].hashvalues.tobytes(),
                  copy_group[a], copy_score[a]) for a in order])

    clock.lap("copies")
    # 3. Stories.
    # In date-ordered chunks: the document frequencies and story centroids an article is scored
    # against then hold the articles before it (and its chunk), however large the transaction;
    # the clustering settings were tuned on chunks of this size.
    n_before = con.execute("SELECT count(*) FROM article_links").fetchone()[0] - len(order)
    chunk = max(int(s["stories"].get("chunk", 64)), 1)
    story_of = {}
    for k in range(0, len(order), chunk):
        part = order[k:k + chunk]
        stories.post(con, [docs[a] for a in part], days, s)
        windows = {a: stories.window(days[a], eff[a][2], eff[a][3], s) for a in part}
        sims = stories.similarities(con, windows, n_before + k + len(part), s)
        cids = sorted({c for v in sims.values() for c, _, _ in v} - set(part))
        state = stories.load_state(con, cids)
        cand_days = dict(con.execute("SELECT article_id, day FROM article_links WHERE article_id IN (SELECT unnest($1))",
                                     [cids]).fetchall()) if cids else {}
        groups_in_part = sorted({copy_group[a] for a in part})
        group_story = dict(con.execute(
            "SELECT copy_group, min(story_id) FROM article_links WHERE copy_group IN (SELECT unnest($1)) "
            "AND story_id IS NOT NULL GROUP BY 1", [groups_in_part]).fetchall())
        assigned = stories.assign(part, sims, state, {**cand_days, **days}, copy_group, group_story, s)
        stories.write_members(con, assigned)
        story_of.update({a: assigned[a][0] for a in part})
    touched.stories |= set(story_of.values())

    clock.lap("stories")
    # 1b. Undated articles: add their story's dated members as a clue.
    if clues:
        story_days = defaultdict(list)
        for sid, aid, day in con.execute("""
                SELECT m.story_id, m.article_id, l.day FROM story_members m JOIN article_links l ON l.article_id = m.article_id
                WHERE m.story_id IN (SELECT unnest($1)) AND l.day_origin IN ('published', 'accepted')""",
                                         [sorted({story_of[a] for a in clues})]).fetchall():
            story_days[sid].append((aid, day))
        for a in clues:
            member_days = [d for aid, d in story_days.get(story_of[a], []) if aid != a and d]
            clue = pubdate.story_clue(member_days, s)
            if clue:
                clues[a].append(clue)
                est[a] = pubdate.estimate(clues[a], s)
                if a in acc:
                    continue
                new = pubdate.effective(None, None, est[a], s)
                if new != eff[a]:
                    eff[a], days[a] = new, new[0]
                    con.execute("UPDATE article_links SET day = ?, day_origin = ?, lo = ?, hi = ? WHERE article_id = ?",
                                [new[0], new[1], new[2], new[3], a])
                    stories.set_day(con, a, new[0])
        pubdate.write(con, {a: e for a, e in est.items() if e is not None})

    clock.lap("pubdate")
    # 4. Merged events.
    ev_views = [v for a in order for v in merge.views(docs[a], story_of[a], days[a], copy_group[a])]
    if ev_views:
        lo, hi = _span(days.values(), int(s["events"]["position_window_days"]))
        groups = merge.load_groups(con, ev_views, lo, hi, s)
        merge.assign(ev_views, groups, merge.splits(con), s)
        merge.write(con, ev_views)
        touched.merged |= {v["merged_id"] for v in ev_views}

    clock.lap("events")
    # 5. Quote variants.
    q_views = [v for a in order for v in variants.views(docs[a], story_of[a], days[a], copy_group[a])]
    if q_views or touched.quotes:
        lo, hi = _span(days.values(), int(s["quotes"]["window_days"]))
        speakers = sorted({v["speaker_id"] for v in q_views if v.get("speaker_id")})
        qgroups: dict[str, list[dict]] = defaultdict(list)
        for m in variants.load_candidates(con, speakers, sorted(set(story_of.values())), lo, hi):
            qgroups[m["group_id"]].append(m)
        for gid, members in variants.load_groups(con, touched.quotes - set(qgroups)).items():
            qgroups[gid] = members
        stored_q = set(qgroups) | touched.quotes
        changed = variants.assign(q_views, qgroups, s) | (touched.quotes & set(qgroups))
        gone_groups = touched.quotes - set(qgroups)
        if gone_groups:
            con.execute("DELETE FROM quote_groups WHERE id IN (SELECT unnest($1))", [sorted(gone_groups)])
        names = {}
        spk = sorted({m.get("speaker_id") for g in changed for m in qgroups[g] if m.get("speaker_id")})
        if spk:
            names = dict(con.execute("SELECT id, name FROM actors WHERE id IN (SELECT unnest($1))", [spk]).fetchall())
        variants.write(con, qgroups, changed, names, stored_q)

    clock.lap("quotes")
    # 6. Numeric claims.
    n_views = [v for a in order for v in numbers.views(docs[a], story_of[a], days[a], copy_group[a], s)]
    if n_views or touched.claims:
        lo, hi = _span(days.values(), int(s["numbers"]["window_days"]))
        ngroups = numbers.load_groups(con, sorted({v["quantity"] for v in n_views}), sorted(set(story_of.values())), lo, hi, s)
        for gid, members in numbers.load(con, touched.claims - set(ngroups)).items():
            ngroups[gid] = members
        stored_n = set(ngroups) | touched.claims
        changed = numbers.assign(n_views, ngroups, s) | (touched.claims & set(ngroups))
        gone_groups = touched.claims - set(ngroups)
        if gone_groups:
            con.execute("DELETE FROM claim_groups WHERE id IN (SELECT unnest($1))", [sorted(gone_groups)])
        outlets = dict(con.execute("SELECT id, outlet FROM articles WHERE id IN (SELECT unnest($1))",
                                   [sorted({m["article_id"] for g in changed for m in ngroups[g]})]).fetchall())
        numbers.write(con, ngroups, changed, outlets, s, stored_n)

    clock.lap("numbers")
    # 7. Rows of everything touched.
    merge.refresh(con, touched.merged)
    summaries.refresh(con, touched.stories | {r[0] for r in con.execute(
        "SELECT DISTINCT story_id FROM merged_events WHERE id IN (SELECT unnest($1))", [sorted(touched.merged)]).fetchall()})
    _state(con, s, len(order))
    clock.lap("summaries")
    return {"articles": len(order), "stories": len(set(story_of.values())), "events": len(ev_views),
            "quotes": len(q_views), "claims": len(n_views), "ms": clock.ms}


def _state(con, s: dict, n: int) -> None:
    now = dt.datetime.now().isoformat(timespec="seconds")
    for key, value in (("settings_hash", settings_hash(s)), ("updated_at", now)):
        con.execute("INSERT INTO link_state VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [key, json.dumps(value)])


def relink(con, settings: dict | None = None, batch_size: int = 64, on_progress=None) -> dict:
    """Recompute every link from the article-level records (inside the caller's transaction).

    Batches are as large as ingest's (jobs.ingest, 64), so relinking a store ingested in date
    order reproduces what ingest linked: document frequencies, and so similarities, depend on
    what was stored when each batch was linked."""
    s = settings or load_settings()
    for table in DERIVED:
        con.execute(f"DELETE FROM {table}")
    ids = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY published NULLS LAST, ingested_at, id").fetchall()]
    done = 0
    for i in range(0, len(ids), batch_size):
        update(con, ids[i:i + batch_size], s)
        done += len(ids[i:i + batch_size])
        if on_progress:
            on_progress(done, len(ids))
    return {"articles": len(ids),
            "stories": con.execute("SELECT count(*) FROM stories").fetchone()[0],
            "merged_events": con.execute("SELECT count(*) FROM merged_events WHERE n_articles > 1").fetchone()[0],
            "quote_groups": con.execute("SELECT count(*) FROM quote_groups WHERE n_articles > 1").fetchone()[0],
            "disputes": con.execute("SELECT count(*) FROM claim_groups WHERE disputed").fetchone()[0]}


def unmerge(con, merged_id: str, source: str | None = None, note: str | None = None, settings: dict | None = None) -> list[str]:
    """Split a merged event (or one source out of it); the split is stored as user overrides
    and holds in every later update and relink. Returns the merged ids its sources now have."""
    s = settings or load_settings()
    srcs = merge.load_sources(con, [merged_id]).get(merged_id)
    if not srcs:
        raise KeyError(f"no merged event {merged_id!r}; list them with `wiresift events --merged` or `wiresift story ID`")
    if len(srcs) < 2:
        raise ValueError(f"{merged_id} has a single source: nothing to split")
    if source:
        one = [x for x in srcs if source in (x["event_id"], x["event_key"])]
        if not one:
            raise KeyError(f"{source!r} is not a source of {merged_id}: " + ", ".join(x["event_id"] for x in srcs))
        pairs = [(one[0], o) for o in srcs if o is not one[0]]
    else:
        pairs = [(a, b) for i, a in enumerate(srcs) for b in srcs[i + 1:]]
    insert_rows(con, "link_overrides", ("kind", "subject", "other", "note"),
                [("split", a["event_key"], b["event_key"], note or f"unmerge {merged_id}") for a, b in pairs])
    con.execute("DELETE FROM event_sources WHERE merged_id = ?", [merged_id])
    srcs.sort(key=lambda x: (x["day"] or dt.date.max, x["event_id"]))
    for v in srcs:
        v.update(merged_id=None, score=None, matched=None, why=None)
    lo, hi = _span([v["day"] for v in srcs], int(s["events"]["position_window_days"]))
    groups = merge.load_groups(con, srcs, lo, hi, s)
    merge.assign(srcs, groups, merge.splits(con), s)
    merge.write(con, srcs)
    new_ids = {v["merged_id"] for v in srcs} | {merged_id}
    merge.refresh(con, new_ids)
    summaries.refresh(con, {v["story_id"] for v in srcs if v.get("story_id")})
    return sorted({v["merged_id"] for v in srcs})


def accept_pubdate(con, article_id: str, date: dt.date | None = None, settings: dict | None = None) -> dt.date:
    """Accept an estimated publication date (or set one): stored as an override, used by
    linking from now on; `articles.published` stays as it was."""
    row = con.execute("SELECT published FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        raise KeyError(f"no article {article_id!r}")
    if row[0] is not None:
        raise ValueError(f"{article_id} has a published date ({row[0]}); estimates are only for undated articles")
    if date is None:
        est = con.execute("SELECT estimate FROM pubdate_estimates WHERE article_id = ?", [article_id]).fetchone()
        if not est or est[0] is None:
            raise ValueError(f"{article_id} has no point estimate to accept; give the date with --date")
        date = est[0]
    con.execute("DELETE FROM link_overrides WHERE kind = 'pubdate' AND subject = ?", [article_id])
    con.execute("INSERT INTO link_overrides (kind, subject, value, note) VALUES ('pubdate', ?, ?, 'accepted by user')",
                [article_id, json.dumps({"date": date.isoformat()})])
    update(con, [article_id], settings)
    return date
