-- Sessions start on time: a session nobody started within its group's grace period becomes 'missed';
-- a session keeps the space its start opened (a Telegram forum topic id, a Discord thread id), so posts
-- about it land there after a restart and on every instance; and it keeps when its current stage began.
ALTER TABLE convener.sessions DROP CONSTRAINT IF EXISTS sessions_status_check;
ALTER TABLE convener.sessions ADD CONSTRAINT sessions_status_check
    CHECK (status IN ('scheduled', 'running', 'ended', 'cancelled', 'missed'));

ALTER TABLE convener.sessions ADD COLUMN IF NOT EXISTS space text NULL;
ALTER TABLE convener.sessions ADD COLUMN IF NOT EXISTS stage_started_at timestamptz NULL;

-- Group settings (/settings): start sessions at their time without a facilitator, how long after its
-- time a session nobody started counts as missed, and moving to the next stage when a stage's time is up.
ALTER TABLE convener.groups ADD COLUMN IF NOT EXISTS auto_start boolean NOT NULL DEFAULT false;
ALTER TABLE convener.groups ADD COLUMN IF NOT EXISTS start_grace_minutes integer NOT NULL DEFAULT 120;
ALTER TABLE convener.groups ADD COLUMN IF NOT EXISTS auto_advance boolean NOT NULL DEFAULT false;

-- Sessions scheduled before this version get the start notice they would have been given; one long past
-- is marked missed when it runs, without telling anyone about a day long gone.
INSERT INTO convener.due_work (group_id, kind, subject_id, payload, due_at, created_at)
SELECT group_id, 'session-start', id, 'notice', scheduled_at, scheduled_at
FROM convener.sessions
WHERE status = 'scheduled';
