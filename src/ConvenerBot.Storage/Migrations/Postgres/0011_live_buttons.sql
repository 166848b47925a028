-- Messages the bot posted with buttons about a session's stages (prompts, time-up notices, the question
-- whether to end, start notices), kept until the buttons are taken off because the session moved on, so
-- that happens after a restart and on whichever instance runs. stage_index is null for a start notice,
-- whose Start button acts before any stage. A group that moves to a new chat id drops its rows, as
-- stage_prompts does: the old chat's message ids mean nothing in the new one.
CREATE TABLE IF NOT EXISTS convener.live_buttons (
    group_id    bigint      NOT NULL REFERENCES convener.groups (id),
    message_id  text        NOT NULL,
    space       text        NULL,
    session_id  bigint      NOT NULL REFERENCES convener.sessions (id),
    stage_index integer     NULL CHECK (stage_index >= 0),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (group_id, message_id)
);

CREATE INDEX IF NOT EXISTS live_buttons_session ON convener.live_buttons (session_id);
