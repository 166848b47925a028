-- The language a group's messages are written in: a language of the message catalog (Core/Text/Messages).
ALTER TABLE convener.groups ADD COLUMN IF NOT EXISTS language text NOT NULL DEFAULT 'en';
