-- Series of sessions: an RFC 5545 RRULE read in the series' time zone at its wall time ('HH:mm'), from
-- its first day ('yyyy-MM-dd', the rule's DTSTART), with the rule as typed for showing. Numbered per group
-- from the group's counter, as sessions are.
ALTER TABLE groups ADD COLUMN next_series_number INTEGER NOT NULL DEFAULT 1;

CREATE TABLE IF NOT EXISTS series (
    id           INTEGER PRIMARY KEY,
    group_id     INTEGER NOT NULL REFERENCES groups (id),
    number       INTEGER NOT NULL,
    typed        TEXT    NOT NULL,
    rrule        TEXT    NOT NULL,
    time_zone    TEXT    NOT NULL,
    wall_time    TEXT    NOT NULL,
    first_day    TEXT    NOT NULL,
    case_id      INTEGER NULL REFERENCES cases (id),
    protocol_key TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('active', 'paused', 'ended')),
    created_by   INTEGER NOT NULL REFERENCES members (id),
    created_at   TEXT    NOT NULL,
    UNIQUE (group_id, number)
);

-- A session a series created knows it, and the time the rule planned it for (which a move leaves as it was).
ALTER TABLE sessions ADD COLUMN series_id INTEGER NULL REFERENCES series (id);
ALTER TABLE sessions ADD COLUMN series_at TEXT NULL;
CREATE INDEX IF NOT EXISTS sessions_series_id ON sessions (series_id);
