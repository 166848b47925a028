-- Sessions mirrored as events of the platform's own calendar (a Discord server's scheduled events): the
-- platform's id of each session's event and the status it was last given, so a change of the session
-- edits that event rather than making another. A group remembers when the platform refused to let the
-- bot make events (a missing permission), so its organizers are told once, and again only after the
-- mirror worked in between.
CREATE TABLE IF NOT EXISTS session_events (
    session_id INTEGER NOT NULL PRIMARY KEY REFERENCES sessions (id),
    event_id   TEXT    NOT NULL,
    status     TEXT    NOT NULL CHECK (status IN ('scheduled', 'running', 'ended', 'cancelled', 'missed')),
    updated_at TEXT    NOT NULL
);

ALTER TABLE groups ADD COLUMN events_refused_at TEXT NULL;
