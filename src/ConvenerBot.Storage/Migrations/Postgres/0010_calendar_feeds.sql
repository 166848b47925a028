-- Calendar feeds: each group's feed token (shown to organizers by /calendar, so it is kept) and its
-- SHA-256 hash, by which a request finds it; a reset replaces both. Sessions count their changes of
-- status, which a calendar reads as the event's SEQUENCE.
CREATE TABLE IF NOT EXISTS convener.calendar_feeds (
    group_id bigint NOT NULL PRIMARY KEY REFERENCES convener.groups (id),
    token text NOT NULL,
    token_hash text NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS calendar_feeds_token_hash ON convener.calendar_feeds (token_hash);

ALTER TABLE convener.sessions ADD COLUMN IF NOT EXISTS revision integer NOT NULL DEFAULT 0;
