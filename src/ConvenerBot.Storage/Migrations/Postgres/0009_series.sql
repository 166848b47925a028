-- Series of sessions: an RFC 5545 RRULE read in the series' time zone at its wall time ('HH:mm'), from
-- its first day ('yyyy-MM-dd', the rule's DTSTART), with the rule as typed for showing. Numbered per group
-- from the group's counter, as sessions are.
ALTER TABLE convener.groups ADD COLUMN IF NOT EXISTS next_series_number integer NOT NULL DEFAULT 1;

CREATE TABLE IF NOT EXISTS convener.series (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id     bigint      NOT NULL REFERENCES convener.groups (id),
    number       integer     NOT NULL,
    typed        text        NOT NULL,
    rrule        text        NOT NULL,
    time_zone    text        NOT NULL,
    wall_time    text        NOT NULL,
    first_day    text        NOT NULL,
    case_id      bigint      NULL REFERENCES convener.cases (id),
    protocol_key text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('active', 'paused', 'ended')),
    created_by   bigint      NOT NULL REFERENCES convener.members (id),
    created_at   timestamptz NOT NULL,
    CONSTRAINT series_group_number_key UNIQUE (group_id, number)
);

-- A session a series created knows it, and the time the rule planned it for (which a move leaves as it was).
ALTER TABLE convener.sessions ADD COLUMN IF NOT EXISTS series_id bigint NULL REFERENCES convener.series (id);
ALTER TABLE convener.sessions ADD COLUMN IF NOT EXISTS series_at timestamptz NULL;
CREATE INDEX IF NOT EXISTS sessions_series_id ON convener.sessions (series_id);
