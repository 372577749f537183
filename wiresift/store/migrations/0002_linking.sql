-- wiresift store, version 2: numeric claims (per article) and cross-article linking.
--
-- Article-level tables stay exactly as the extractors wrote them. Everything below the
-- numeric_claims table is derived by wiresift/link from them and is dropped and rebuilt by
-- `wiresift relink`, except link_overrides, which holds what users decided (event splits,
-- accepted publication dates) and is never recomputed.
-- The placeholders of version 1 are replaced by the tables the linker actually keeps.

DROP TABLE IF EXISTS event_sources;
DROP TABLE IF EXISTS story_members;
DROP TABLE IF EXISTS stories;

-- Filled by the `numbers` extractor: one row per numeric claim in an article.
CREATE TABLE numeric_claims (
    id            VARCHAR NOT NULL,          -- <article_id>:n<idx>
    article_id    VARCHAR NOT NULL,
    idx           INTEGER NOT NULL,
    quantity      VARCHAR,                   -- deaths | injuries | casualties | displaced | troops | money | percent | duration
    low           DOUBLE,                    -- the interval the wording allows ("tens of thousands" = 20,000-99,999)
    high          DOUBLE,
    unit          VARCHAR,                   -- people, USD, percent, year, ...
    qualifier     VARCHAR,                   -- about | nearly | more than | at least | up to | ...
    start_char    INTEGER, end_char INTEGER, text VARCHAR,
    subject       VARCHAR,                   -- what the number is about ("conflict", "aid")
    subject_class VARCHAR,                   -- war | attack | disaster | ... (for comparing across articles)
    countries     VARCHAR[],                 -- countries named in the claim's sentence
    evidence_start INTEGER, evidence_end INTEGER,
    section       VARCHAR,
    record        JSON
);

-- Key/value state of the linker: settings hash, counters, format version.
CREATE TABLE link_state (key VARCHAR PRIMARY KEY, value JSON);

-- One row per linked article: its effective date, its MinHash and its copy group and story.
CREATE TABLE article_links (
    article_id  VARCHAR NOT NULL,
    day         DATE,        -- published, else an accepted estimate, else a confident estimate
    day_origin  VARCHAR,     -- published | accepted | estimated | none
    lo          DATE,        -- the window used to look for related articles
    hi          DATE,
    n_shingles  INTEGER,
    minhash     BLOB,
    copy_group  VARCHAR,     -- id of the first article of the group of copies
    copy_score  DOUBLE,      -- estimated containment against the copy it was matched to
    story_id    VARCHAR,
    linked_at   TIMESTAMP DEFAULT current_timestamp
);

-- The LSH index over MinHash bands: near copies share at least one (band, bucket).
CREATE TABLE lsh_buckets (band SMALLINT NOT NULL, bucket BIGINT NOT NULL, article_id VARCHAR NOT NULL);

-- Retrieval index: each article's features (w word, e entity, a actor, p place, d event dyad),
-- hashed for the join, with the readable key kept for titles and explanations.
CREATE TABLE link_postings (
    article_id VARCHAR NOT NULL, day DATE, feature BIGINT NOT NULL, kind VARCHAR NOT NULL,
    key VARCHAR, weight REAL NOT NULL
);
CREATE TABLE link_df (feature BIGINT PRIMARY KEY, df INTEGER NOT NULL);

CREATE TABLE stories (
    id          VARCHAR NOT NULL,
    title       VARCHAR,          -- generated from the dominant events and actors
    first_date  DATE,
    last_date   DATE,
    n_articles  INTEGER,
    n_sources   INTEGER,          -- independent sources: copy groups, not articles
    n_events    INTEGER,
    record      JSON,             -- top actors, places, terms, events
    updated_at  TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE story_members (
    story_id    VARCHAR NOT NULL,
    article_id  VARCHAR NOT NULL,
    similarity  DOUBLE,           -- similarity to the member it was matched to (1.0 for the founder)
    matched     VARCHAR,          -- that member
    why         JSON              -- the feature kinds that contributed, or "copy of"
);

-- Merged events: one row per real act; event_sources lists every article-level event in it.
CREATE TABLE merged_events (
    id              VARCHAR NOT NULL,
    type            VARCHAR,
    mode            VARCHAR,
    story_id        VARCHAR,
    actor           JSON,         -- [{id, name, country}]
    recipient       JSON,
    date            VARCHAR,
    place           VARCHAR,
    first_reported  DATE,
    n_sources       INTEGER,      -- article-level events
    n_articles      INTEGER,
    n_independent   INTEGER,      -- distinct copy groups
    summary         VARCHAR,
    record          JSON
);
CREATE TABLE event_sources (
    merged_id   VARCHAR NOT NULL,
    event_id    VARCHAR NOT NULL,
    event_key   VARCHAR,          -- article_id:type:evidence span; survives re-extraction
    article_id  VARCHAR NOT NULL,
    copy_group  VARCHAR,
    story_id    VARCHAR,
    type        VARCHAR,
    day         DATE,             -- the article's effective date
    mode        VARCHAR,
    date        VARCHAR,
    place       VARCHAR,
    place_country VARCHAR,
    negated     BOOLEAN,
    historical  BOOLEAN,
    actor       JSON,             -- [{id, name, country}] as the event record names them
    recipient   JSON,
    dyad        VARCHAR,          -- actor country>recipient country: how standing positions are found
    evidence    VARCHAR,          -- the evidence text (its sentence when the span is very short)
    score       DOUBLE,           -- merge score against `matched` (NULL for the founding event)
    matched     VARCHAR,
    why         JSON              -- features, weights, score and threshold of the merge decision
);

-- Quote variant groups: one group per statement, with each wording and how it differs.
CREATE TABLE quote_groups (
    id            VARCHAR NOT NULL,
    speaker_id    VARCHAR,
    speaker_name  VARCHAR,
    canonical     VARCHAR,        -- the longest wording
    n_quotes      INTEGER,
    n_articles    INTEGER,
    n_independent INTEGER,
    story_id      VARCHAR,
    record        JSON
);
CREATE TABLE quote_variants (
    quote_id    VARCHAR NOT NULL,
    group_id    VARCHAR NOT NULL,
    article_id  VARCHAR NOT NULL,
    speaker_id  VARCHAR,
    kind        VARCHAR,          -- direct | mixed
    story_id    VARCHAR,
    copy_group  VARCHAR,
    day         DATE,
    text        VARCHAR,          -- the quoted words compared (quoted fragments of mixed quotes)
    relation    VARCHAR,          -- same | shorter | longer | reworded (against the canonical wording)
    score       DOUBLE,
    diff        JSON              -- [{kind, a, b}]: censored, number, typography, extra, changed
);

-- Numeric claims about the same quantity, compared across sources.
CREATE TABLE claim_groups (
    id            VARCHAR NOT NULL,
    quantity      VARCHAR,
    subject_class VARCHAR,
    countries     VARCHAR[],
    story_id      VARCHAR,
    disputed      BOOLEAN,
    n_claims      INTEGER,
    n_articles    INTEGER,
    low           DOUBLE,
    high          DOUBLE,
    summary       VARCHAR,
    record        JSON            -- every value with its source, date and evidence; why disputed
);
CREATE TABLE claim_members (
    group_id      VARCHAR NOT NULL,
    claim_id      VARCHAR NOT NULL,
    article_id    VARCHAR NOT NULL,
    copy_group    VARCHAR,
    story_id      VARCHAR,
    quantity      VARCHAR,
    subject       VARCHAR,
    subject_class VARCHAR,
    countries     VARCHAR[],      -- the sentence's countries and the article's main ones
    unit          VARCHAR,
    value         DOUBLE,
    low           DOUBLE,
    high          DOUBLE,
    vague         BOOLEAN,
    qualifier     VARCHAR,
    text          VARCHAR,
    evidence      VARCHAR,
    day           DATE
);

-- Publication-date estimates for articles without a published date (never written to articles).
CREATE TABLE pubdate_estimates (
    article_id  VARCHAR NOT NULL,
    estimate    DATE,
    lo          DATE,
    hi          DATE,            -- NULL: open-ended (only "not before" evidence)
    confidence  DOUBLE,
    evidence    JSON,
    estimated_at TIMESTAMP DEFAULT current_timestamp
);

-- What users decided; relink keeps it. kind = split (two events must not merge) | pubdate.
CREATE TABLE link_overrides (
    kind        VARCHAR NOT NULL,
    subject     VARCHAR NOT NULL,   -- event key, or article id for pubdate
    other       VARCHAR,            -- the other event key for split
    value       JSON,               -- {"date": "2025-08-13"} for pubdate
    note        VARCHAR,
    created_at  TIMESTAMP DEFAULT current_timestamp
);

