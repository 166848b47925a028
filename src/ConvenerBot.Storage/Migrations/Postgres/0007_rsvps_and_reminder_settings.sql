-- Members' answers to scheduled sessions (going, maybe, can't, or going with a case to offer): one per
-- member and session, replaced when they answer again. reminded_at says when the member was last
-- reminded of the session privately (or was covered by the group's reminder because the bot could not
-- write to them), so that they get one private reminder.
CREATE TABLE IF NOT EXISTS convener.rsvps (
    session_id  bigint      NOT NULL REFERENCES convener.sessions (id),
    member_id   bigint      NOT NULL REFERENCES convener.members (id),
    answer      text        NOT NULL CHECK (answer IN ('going', 'maybe', 'no', 'case')),
    case_title  text        NULL,
    answered_at timestamptz NOT NULL,
    reminded_at timestamptz NULL,
    PRIMARY KEY (session_id, member_id)
);

-- A group's reminder times, in minutes before a session, written as they are read (e.g. '10080 1440 60';
-- empty for none). A group without a row has the defaults: a week, a day and an hour before.
CREATE TABLE IF NOT EXISTS convener.group_reminders (
    group_id       bigint      NOT NULL PRIMARY KEY REFERENCES convener.groups (id),
    minutes_before text        NOT NULL,
    updated_at     timestamptz NOT NULL
);

-- A member's wish about private reminders, and whether the group was told once that the bot cannot
-- write to them privately. A member without a row gets private reminders and was never named.
CREATE TABLE IF NOT EXISTS convener.member_reminders (
    member_id           bigint      NOT NULL PRIMARY KEY REFERENCES convener.members (id),
    private_off         boolean     NOT NULL DEFAULT false,
    told_unreachable_at timestamptz NULL
);
