-- Calendar feeds: each group's feed token (shown to organizers by /calendar, so it is kept) and its
-- SHA-256 hash, by which a request finds it; a reset replaces both. Sessions count their changes of
-- status, which a calendar reads as the event's SEQUENCE.
CREATE TABLE IF NOT EXISTS calendar_feeds (
    group_id INTEGER NOT NULL PRIMARY KEY REFERENCES groups (id),
    token TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS calendar_feeds_token_hash ON calendar_feeds (token_hash);

ALTER TABLE sessions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
