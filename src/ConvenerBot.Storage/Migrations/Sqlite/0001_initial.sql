-- ConvenerBot schema, version 1, for the embedded SQLite store. Instants are stored as fixed-width
-- UTC ISO-8601 text (yyyy-MM-ddTHH:mm:ss.fffffffZ), which sorts in time order.
CREATE TABLE IF NOT EXISTS groups (
    id                  INTEGER PRIMARY KEY,
    platform            TEXT    NOT NULL,
    external_id         TEXT    NOT NULL,
    title               TEXT    NOT NULL,
    time_zone           TEXT    NOT NULL,
    next_case_number    INTEGER NOT NULL DEFAULT 1,
    next_session_number INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT    NOT NULL,
    UNIQUE (platform, external_id)
);

CREATE TABLE IF NOT EXISTS members (
    id           INTEGER PRIMARY KEY,
    group_id     INTEGER NOT NULL REFERENCES groups (id),
    external_id  TEXT    NOT NULL,
    display_name TEXT    NOT NULL,
    role         TEXT    NOT NULL CHECK (role IN ('member', 'facilitator', 'organizer')),
    joined_at    TEXT    NOT NULL,
    UNIQUE (group_id, external_id)
);

CREATE TABLE IF NOT EXISTS cases (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES groups (id),
    number      INTEGER NOT NULL,
    holder_id   INTEGER NOT NULL REFERENCES members (id),
    title       TEXT    NOT NULL,
    description TEXT    NULL,
    status      TEXT    NOT NULL CHECK (status IN ('open', 'scheduled', 'discussed', 'withdrawn')),
    opened_at   TEXT    NOT NULL,
    UNIQUE (group_id, number)
);

CREATE TABLE IF NOT EXISTS sessions (
    id             INTEGER PRIMARY KEY,
    group_id       INTEGER NOT NULL REFERENCES groups (id),
    number         INTEGER NOT NULL,
    case_id        INTEGER NULL REFERENCES cases (id),
    protocol_key   TEXT    NOT NULL,
    status         TEXT    NOT NULL CHECK (status IN ('scheduled', 'running', 'ended', 'cancelled')),
    scheduled_at   TEXT    NOT NULL,
    scheduled_by   INTEGER NOT NULL REFERENCES members (id),
    started_at     TEXT    NULL,
    ended_at       TEXT    NULL,
    stage_index    INTEGER NULL,
    facilitator_id INTEGER NULL REFERENCES members (id),
    created_at     TEXT    NOT NULL,
    UNIQUE (group_id, number)
);

CREATE UNIQUE INDEX IF NOT EXISTS sessions_one_running_per_group ON sessions (group_id) WHERE status = 'running';
CREATE INDEX IF NOT EXISTS sessions_case_id ON sessions (case_id);

CREATE TABLE IF NOT EXISTS contributions (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    member_id  INTEGER NOT NULL REFERENCES members (id),
    stage_key  TEXT    NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('clarifying_question', 'open_question', 'idea', 'next_step', 'learning')),
    text       TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS contributions_session_id ON contributions (session_id, id);

CREATE TABLE IF NOT EXISTS attendance (
    session_id    INTEGER NOT NULL REFERENCES sessions (id),
    member_id     INTEGER NOT NULL REFERENCES members (id),
    first_seen_at TEXT    NOT NULL,
    PRIMARY KEY (session_id, member_id)
);
