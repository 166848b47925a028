-- Platform deliveries already handled (e.g. Telegram update ids), recorded in the same transaction as
-- their effect so that a redelivery changes nothing; and whether the bot may still post in a group.
-- SQLite has no ADD COLUMN IF NOT EXISTS; the journal guarantees this script runs once.
CREATE TABLE IF NOT EXISTS deliveries (
    platform    TEXT NOT NULL,
    delivery_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (platform, delivery_id)
);

ALTER TABLE groups ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
