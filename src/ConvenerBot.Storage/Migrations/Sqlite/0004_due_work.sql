-- Work that falls due at an instant (reminders, timers, messages to send). A worker claims rows for a
-- lease (claimed_by, claimed_until); a claim that ran out may be taken by another worker. AUTOINCREMENT
-- keeps ids of completed work from being given again, as Postgres's identity does. Work of the whole
-- deployment (forgetting old delivery ids) belongs to no group.
CREATE TABLE IF NOT EXISTS due_work (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id      INTEGER NULL REFERENCES groups (id),
    kind          TEXT    NOT NULL,
    subject_id    INTEGER NULL,
    payload       TEXT    NULL,
    due_at        TEXT    NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    claimed_by    TEXT    NULL,
    claimed_until TEXT    NULL,
    created_at    TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS due_work_due_at ON due_work (due_at);
-- Work of the whole deployment is there once per kind, however many instances start at once.
CREATE UNIQUE INDEX IF NOT EXISTS due_work_deployment_kind ON due_work (kind) WHERE group_id IS NULL AND subject_id IS NULL;
CREATE INDEX IF NOT EXISTS due_work_kind_subject_id ON due_work (kind, subject_id);
