-- The language a group's messages are written in: a language of the message catalog (Core/Text/Messages).
ALTER TABLE groups ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
