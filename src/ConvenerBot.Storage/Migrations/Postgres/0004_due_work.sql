-- Work that falls due at an instant (reminders, timers, messages to send). A worker claims rows for a
-- lease (claimed_by, claimed_until); a claim that ran out may be taken by another worker. Work of the
-- whole deployment (forgetting old delivery ids) belongs to no group.
CREATE TABLE IF NOT EXISTS convener.due_work (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id      bigint      NULL REFERENCES convener.groups (id),
    kind          text        NOT NULL,
    subject_id    bigint      NULL,
    payload       text        NULL,
    due_at        timestamptz NOT NULL,
    attempts      integer     NOT NULL DEFAULT 0,
    claimed_by    text        NULL,
    claimed_until timestamptz NULL,
    created_at    timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS due_work_due_at ON convener.due_work (due_at);
-- Work of the whole deployment is there once per kind, however many instances start at once.
CREATE UNIQUE INDEX IF NOT EXISTS due_work_deployment_kind ON convener.due_work (kind) WHERE group_id IS NULL AND subject_id IS NULL;
CREATE INDEX IF NOT EXISTS due_work_kind_subject_id ON convener.due_work (kind, subject_id);
