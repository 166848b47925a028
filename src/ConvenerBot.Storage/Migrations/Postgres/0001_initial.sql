-- ConvenerBot schema, version 1. Tables live in the "convener" schema (search_path is set to it).
CREATE TABLE IF NOT EXISTS convener.groups (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    platform            text        NOT NULL,
    external_id         text        NOT NULL,
    title               text        NOT NULL,
    time_zone           text        NOT NULL,
    next_case_number    integer     NOT NULL DEFAULT 1,
    next_session_number integer     NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL,
    CONSTRAINT groups_platform_external_id_key UNIQUE (platform, external_id)
);

CREATE TABLE IF NOT EXISTS convener.members (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id     bigint      NOT NULL REFERENCES convener.groups (id),
    external_id  text        NOT NULL,
    display_name text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('member', 'facilitator', 'organizer')),
    joined_at    timestamptz NOT NULL,
    CONSTRAINT members_group_external_id_key UNIQUE (group_id, external_id)
);

CREATE TABLE IF NOT EXISTS convener.cases (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id    bigint      NOT NULL REFERENCES convener.groups (id),
    number      integer     NOT NULL,
    holder_id   bigint      NOT NULL REFERENCES convener.members (id),
    title       text        NOT NULL,
    description text        NULL,
    status      text        NOT NULL CHECK (status IN ('open', 'scheduled', 'discussed', 'withdrawn')),
    opened_at   timestamptz NOT NULL,
    CONSTRAINT cases_group_number_key UNIQUE (group_id, number)
);

CREATE TABLE IF NOT EXISTS convener.sessions (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id       bigint      NOT NULL REFERENCES convener.groups (id),
    number         integer     NOT NULL,
    case_id        bigint      NULL REFERENCES convener.cases (id),
    protocol_key   text        NOT NULL,
    status         text        NOT NULL CHECK (status IN ('scheduled', 'running', 'ended', 'cancelled')),
    scheduled_at   timestamptz NOT NULL,
    scheduled_by   bigint      NOT NULL REFERENCES convener.members (id),
    started_at     timestamptz NULL,
    ended_at       timestamptz NULL,
    stage_index    integer     NULL,
    facilitator_id bigint      NULL REFERENCES convener.members (id),
    created_at     timestamptz NOT NULL,
    CONSTRAINT sessions_group_number_key UNIQUE (group_id, number)
);

-- At most one running session per group: contributions always know where they belong.
CREATE UNIQUE INDEX IF NOT EXISTS sessions_one_running_per_group ON convener.sessions (group_id) WHERE status = 'running';
CREATE INDEX IF NOT EXISTS sessions_case_id ON convener.sessions (case_id);

CREATE TABLE IF NOT EXISTS convener.contributions (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id bigint      NOT NULL REFERENCES convener.sessions (id),
    member_id  bigint      NOT NULL REFERENCES convener.members (id),
    stage_key  text        NOT NULL,
    kind       text        NOT NULL CHECK (kind IN ('clarifying_question', 'open_question', 'idea', 'next_step', 'learning')),
    text       text        NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS contributions_session_id ON convener.contributions (session_id, id);

CREATE TABLE IF NOT EXISTS convener.attendance (
    session_id    bigint      NOT NULL REFERENCES convener.sessions (id),
    member_id     bigint      NOT NULL REFERENCES convener.members (id),
    first_seen_at timestamptz NOT NULL,
    PRIMARY KEY (session_id, member_id)
);
