-- Members' answers to scheduled sessions (going, maybe, can't, or going with a case to offer): one per
-- member and session, replaced when they answer again. reminded_at says when the member was last
-- reminded of the session privately (or was covered by the group's reminder because the bot could not
-- write to them), so that they get one private reminder.
CREATE TABLE IF NOT EXISTS rsvps (
    session_id  INTEGER NOT NULL REFERENCES sessions (id),
    member_id   INTEGER NOT NULL REFERENCES members (id),
    answer      TEXT    NOT NULL CHECK (answer IN ('going', 'maybe', 'no', 'case')),
    case_title  TEXT    NULL,
    answered_at TEXT    NOT NULL,
    reminded_at TEXT    NULL,
    PRIMARY KEY (session_id, member_id)
);

-- A group's reminder times, in minutes before a session, written as they are read (e.g. '10080 1440 60';
-- empty for none). A group without a row has the defaults: a week, a day and an hour before.
CREATE TABLE IF NOT EXISTS group_reminders (
    group_id       INTEGER NOT NULL PRIMARY KEY REFERENCES groups (id),
    minutes_before TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
);

-- A member's wish about private reminders, and whether the group was told once that the bot cannot
-- write to them privately. A member without a row gets private reminders and was never named.
CREATE TABLE IF NOT EXISTS member_reminders (
    member_id           INTEGER NOT NULL PRIMARY KEY REFERENCES members (id),
    private_off         INTEGER NOT NULL DEFAULT 0,
    told_unreachable_at TEXT    NULL
);
