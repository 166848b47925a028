-- Sessions start on time: a session nobody started within its group's grace period becomes 'missed';
-- a session keeps the space its start opened (a Telegram forum topic id, a Discord thread id), so posts
-- about it land there after a restart and on every instance; and it keeps when its current stage began.
--
-- SQLite cannot alter a CHECK constraint. Widening an IN list leaves every stored row valid, which is
-- the case SQLite's documentation (ALTER TABLE, "making other kinds of table schema changes") allows to
-- be done by editing the table's stored definition instead of rebuilding it. A rebuild would drop the
-- table under the rows of every table that refers to it. RESET reloads the schema on this connection;
-- the ADD COLUMN statements that follow change the schema version, so other connections reload it too.
PRAGMA writable_schema = ON;
UPDATE sqlite_master
SET sql = replace(sql, '''cancelled''))', '''cancelled'', ''missed''))')
WHERE type = 'table' AND name = 'sessions';
PRAGMA writable_schema = RESET;

ALTER TABLE sessions ADD COLUMN space TEXT NULL;
ALTER TABLE sessions ADD COLUMN stage_started_at TEXT NULL;

-- Group settings (/settings): start sessions at their time without a facilitator, how long after its
-- time a session nobody started counts as missed, and moving to the next stage when a stage's time is up.
ALTER TABLE groups ADD COLUMN auto_start INTEGER NOT NULL DEFAULT 0;
ALTER TABLE groups ADD COLUMN start_grace_minutes INTEGER NOT NULL DEFAULT 120;
ALTER TABLE groups ADD COLUMN auto_advance INTEGER NOT NULL DEFAULT 0;

-- Sessions scheduled before this version get the start notice they would have been given; one long past
-- is marked missed when it runs, without telling anyone about a day long gone.
INSERT INTO due_work (group_id, kind, subject_id, payload, due_at, created_at)
SELECT group_id, 'session-start', id, 'notice', scheduled_at, scheduled_at
FROM sessions
WHERE status = 'scheduled';
