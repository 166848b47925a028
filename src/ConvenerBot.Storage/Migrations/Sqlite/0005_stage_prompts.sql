-- Which platform message is which stage prompt. A reply to a prompt is recognised by the id of the message
-- it replies to, never by the prompt's text, so a reworded or translated prompt still works and a restart
-- forgets nothing. Rows stay with their session (a dozen or so each), so a late reply to a prompt of an
-- ended session is still answered as one; a group that moves to a new chat id drops its rows, because the
-- old chat's message ids mean nothing in the new one.
CREATE TABLE IF NOT EXISTS stage_prompts (
    group_id    INTEGER NOT NULL REFERENCES groups (id),
    message_id  TEXT    NOT NULL,
    session_id  INTEGER NOT NULL REFERENCES sessions (id),
    stage_index INTEGER NOT NULL CHECK (stage_index >= 0),
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (group_id, message_id)
);
