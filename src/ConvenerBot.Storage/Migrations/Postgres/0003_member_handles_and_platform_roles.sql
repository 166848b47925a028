-- Members' unique platform usernames (Telegram's @name, lower case), so that an organizer can name a
-- member by handle; display names are never used to find anyone on the platforms.
ALTER TABLE convener.members ADD COLUMN IF NOT EXISTS handle text NULL;
CREATE INDEX IF NOT EXISTS members_group_handle ON convener.members (group_id, handle) WHERE handle IS NOT NULL;

-- On Telegram and Discord the first person to write used to become the group's organizer, whatever the
-- platform said, and could name other organizers. Rights there now come from the platform's administrators,
-- who stay organizers through the platform and can name organizers again: every stored organizer role in a
-- platform group is taken back. Facilitators keep their role.
UPDATE convener.members
SET role = 'member'
WHERE role = 'organizer'
  AND group_id IN (SELECT g.id FROM convener.groups g WHERE g.platform <> 'local');
