-- Platform deliveries already handled (e.g. Telegram update ids), recorded in the same transaction as
-- their effect so that a redelivery changes nothing; and whether the bot may still post in a group.
CREATE TABLE IF NOT EXISTS convener.deliveries (
    platform    text        NOT NULL,
    delivery_id text        NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (platform, delivery_id)
);

ALTER TABLE convener.groups ADD COLUMN IF NOT EXISTS active boolean NOT NULL DEFAULT true;
