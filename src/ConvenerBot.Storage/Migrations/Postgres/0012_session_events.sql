-- Sessions mirrored as events of the platform's own calendar (a Discord server's scheduled events): the
-- platform's id of each session's event and the status it was last given, so a change of the session
-- edits that event rather than making another. A group remembers when the platform refused to let the
-- bot make events (a missing permission), so its organizers are told once, and again only after the
-- mirror worked in between.
CREATE TABLE IF NOT EXISTS convener.session_events (
    session_id bigint      NOT NULL PRIMARY KEY REFERENCES convener.sessions (id),
    event_id   text        NOT NULL,
    status     text        NOT NULL CHECK (status IN ('scheduled', 'running', 'ended', 'cancelled', 'missed')),
    updated_at timestamptz NOT NULL
);

ALTER TABLE convener.groups ADD COLUMN IF NOT EXISTS events_refused_at timestamptz NULL;
