-- wiresift store, version 1: articles and everything extracted from them.
-- Article-level tables keep what each article says; cross-article tables (stories, merged
-- events) are derived from them and can be recomputed. Offsets are code-point indices
-- into articles.text. Every extracted table also keeps the full contract record as JSON.

CREATE TABLE articles (
    id               VARCHAR PRIMARY KEY,   -- hash of normalised text (+ url when present)
    content_hash     VARCHAR NOT NULL,      -- hash of normalised text only
    copy_of          VARCHAR,               -- first article with the same text under another url
    title            VARCHAR,
    url              VARCHAR,
    outlet           VARCHAR,
    source_id        VARCHAR,               -- the id the source gave
    published        DATE,
    published_origin VARCHAR NOT NULL,      -- header | metadata | missing
    format           VARCHAR NOT NULL,      -- text | jsonl | html | warc
    origin           VARCHAR,               -- file the article came from
    locator          VARCHAR,               -- line / record inside that file
    text             VARCHAR NOT NULL,
    n_chars          INTEGER,
    n_words          INTEGER,
    extra            JSON,                  -- source fields wiresift does not model
    model            VARCHAR,               -- spaCy pipeline that parsed it
    ingested_at      TIMESTAMP DEFAULT current_timestamp
);
CREATE INDEX articles_content_hash ON articles (content_hash);

CREATE TABLE sections (
    article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
    kind VARCHAR NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE sentences (
    article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, section_kind VARCHAR,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE entities (
    article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
    text VARCHAR, label VARCHAR, section_kind VARCHAR,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE ingest_errors (
    id         VARCHAR PRIMARY KEY,          -- hash of origin + locator + reason: re-runs don't duplicate
    origin     VARCHAR NOT NULL,
    locator    VARCHAR,
    reason     VARCHAR NOT NULL,
    detail     VARCHAR,
    severity   VARCHAR NOT NULL,             -- error (nothing ingested) | warning (ingested, repaired)
    run_id     VARCHAR,
    first_seen TIMESTAMP DEFAULT current_timestamp,
    last_seen  TIMESTAMP DEFAULT current_timestamp,
    seen       INTEGER DEFAULT 1
);

CREATE TABLE ingest_runs (
    id          VARCHAR PRIMARY KEY,
    started_at  TIMESTAMP,
    finished_at TIMESTAMP,
    inputs      JSON,
    model       VARCHAR,
    workers     INTEGER,
    counts      JSON,
    status      VARCHAR                      -- running | done | interrupted
);

-- Filled by the per-document extractors (actors, events, quotes, timexes, toponyms).
CREATE TABLE actors (
    id VARCHAR PRIMARY KEY, name VARCHAR, country VARCHAR, sector VARCHAR,
    known BOOLEAN, record JSON
);
CREATE TABLE actor_mentions (
    article_id VARCHAR NOT NULL, actor_idx INTEGER NOT NULL, actor_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text VARCHAR,
    role VARCHAR, country VARCHAR, sector VARCHAR
);
CREATE TABLE events (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
    type VARCHAR, mode VARCHAR, quad INTEGER, cameo VARCHAR,
    date VARCHAR, date_precision VARCHAR, date_text VARCHAR,
    place VARCHAR, place_country VARCHAR,
    evidence_start INTEGER, evidence_end INTEGER, section VARCHAR,
    negated BOOLEAN, hypothetical BOOLEAN, future BOOLEAN, reported BOOLEAN,
    historical BOOLEAN, disputed BOOLEAN, confidence DOUBLE,
    record JSON
);
CREATE TABLE event_actors (
    event_id VARCHAR NOT NULL, role VARCHAR NOT NULL, position INTEGER NOT NULL,
    actor_id VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR
);
CREATE TABLE quotes (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
    kind VARCHAR, speaker_id VARCHAR, speaker_name VARCHAR,
    content_start INTEGER, content_end INTEGER, content VARCHAR, section VARCHAR,
    record JSON
);
CREATE TABLE timexes (
    article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
    start_char INTEGER, end_char INTEGER, text VARCHAR,
    type VARCHAR, value VARCHAR, anchored BOOLEAN, record JSON,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE toponyms (
    article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
    start_char INTEGER, end_char INTEGER, text VARCHAR,
    name VARCHAR, geonameid VARCHAR, lat DOUBLE, lon DOUBLE, country VARCHAR, level VARCHAR,
    record JSON,
    PRIMARY KEY (article_id, idx)
);

-- Filled by cross-article linking.
CREATE TABLE stories (
    id VARCHAR PRIMARY KEY, title VARCHAR, first_date DATE, last_date DATE,
    n_articles INTEGER, record JSON
);
CREATE TABLE story_members (
    story_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, similarity DOUBLE,
    PRIMARY KEY (story_id, article_id)
);
CREATE TABLE event_sources (
    merged_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
    score DOUBLE, why JSON,
    PRIMARY KEY (merged_id, event_id)
);
