using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Groups;
using Dapper;

namespace ConvenerBot.Storage.Repositories;

internal sealed class GroupRepository(DbContext db) : IGroupRepository
{
    public async Task<Group> GetOrCreateAsync(ConversationRef conversation, string title, string timeZone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Every command passes here: read first, and write only for a group never seen before.
        var row = await FindRowAsync(conversation, cancellationToken);
        if (row is null)
        {
            var key = new { conversation.Platform, ExternalId = conversation.Id, Title = title, TimeZone = timeZone, Now = now };
            await db.Connection.ExecuteAsync(db.Command(
                """
                INSERT INTO groups (platform, external_id, title, time_zone, created_at)
                VALUES (@Platform, @ExternalId, @Title, @TimeZone, @Now)
                ON CONFLICT (platform, external_id) DO NOTHING
                """, key, cancellationToken));
            row = await FindRowAsync(conversation, cancellationToken)
                ?? throw new InvalidOperationException("A group row vanished right after it was written.");
        }

        if (row.Title != title)
        {
            await db.Connection.ExecuteAsync(db.Command("UPDATE groups SET title = @Title WHERE id = @Id", new { Title = title, row.Id }, cancellationToken));
        }

        return row.ToGroup() with { Title = title };
    }

    public async Task<Group?> FindAsync(ConversationRef conversation, CancellationToken cancellationToken) =>
        (await FindRowAsync(conversation, cancellationToken))?.ToGroup();

    public async Task<bool> MoveAsync(ConversationRef from, ConversationRef to, CancellationToken cancellationToken)
    {
        if (await FindRowAsync(from, cancellationToken) is not { } old)
        {
            return await FindRowAsync(to, cancellationToken) is not null;
        }

        if (await FindRowAsync(to, cancellationToken) is { } fresh)
        {
            var id = new { fresh.Id };
            var used = await db.Connection.ExecuteScalarAsync<long>(db.Command(
                "SELECT (SELECT count(*) FROM cases WHERE group_id = @Id) + (SELECT count(*) FROM sessions WHERE group_id = @Id)", id, cancellationToken));
            if (used > 0)
            {
                return false;
            }

            // Members who wrote in the new chat first: keep their roles where the old group had none for them.
            await db.Connection.ExecuteAsync(db.Command(
                """
                INSERT INTO members (group_id, external_id, display_name, handle, role, joined_at)
                SELECT @OldId, n.external_id, n.display_name, n.handle, n.role, n.joined_at
                FROM members n
                WHERE n.group_id = @Id AND NOT EXISTS (SELECT 1 FROM members o WHERE o.group_id = @OldId AND o.external_id = n.external_id)
                """, new { fresh.Id, OldId = old.Id }, cancellationToken));
            await db.Connection.ExecuteAsync(db.Command("UPDATE due_work SET group_id = @OldId WHERE group_id = @Id", new { fresh.Id, OldId = old.Id }, cancellationToken));
            await db.Connection.ExecuteAsync(db.Command("DELETE FROM members WHERE group_id = @Id", id, cancellationToken));
            await db.Connection.ExecuteAsync(db.Command("DELETE FROM groups WHERE id = @Id", id, cancellationToken));
        }

        // The old chat's message ids mean nothing in the new chat, which numbers its messages afresh.
        await db.Connection.ExecuteAsync(db.Command("DELETE FROM stage_prompts WHERE group_id = @Id", new { old.Id }, cancellationToken));
        await db.Connection.ExecuteAsync(db.Command("DELETE FROM live_buttons WHERE group_id = @Id", new { old.Id }, cancellationToken));
        await db.Connection.ExecuteAsync(db.Command(
            "UPDATE groups SET external_id = @ExternalId, active = @Active WHERE id = @Id",
            new { ExternalId = to.Id, Active = true, old.Id }, cancellationToken));
        return true;
    }

    public Task SetActiveAsync(long groupId, bool active, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(db.Command(
            "UPDATE groups SET active = @Active WHERE id = @Id", new { Active = active, Id = groupId }, cancellationToken));

    public async Task<bool> NoteEventsRefusedAsync(long groupId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Connection.ExecuteAsync(db.Command(
            "UPDATE groups SET events_refused_at = @Now WHERE id = @Id AND events_refused_at IS NULL", new { Now = now, Id = groupId }, cancellationToken)) == 1;

    public Task ClearEventsRefusedAsync(long groupId, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(db.Command(
            "UPDATE groups SET events_refused_at = NULL WHERE id = @Id AND events_refused_at IS NOT NULL", new { Id = groupId }, cancellationToken));

    public Task SetTimeZoneAsync(long groupId, string timeZone, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(db.Command("UPDATE groups SET time_zone = @TimeZone WHERE id = @Id", new { TimeZone = timeZone, Id = groupId }, cancellationToken));

    public Task SetSettingsAsync(long groupId, GroupSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return db.Connection.ExecuteAsync(db.Command(
            "UPDATE groups SET auto_start = @AutoStart, start_grace_minutes = @GraceMinutes, auto_advance = @AutoAdvance WHERE id = @Id",
            new { settings.AutoStart, settings.GraceMinutes, settings.AutoAdvance, Id = groupId }, cancellationToken));
    }

    public Task<int> NextCaseNumberAsync(long groupId, CancellationToken cancellationToken) =>
        db.Connection.ExecuteScalarAsync<int>(db.Command(
            "UPDATE groups SET next_case_number = next_case_number + 1 WHERE id = @Id RETURNING next_case_number - 1",
            new { Id = groupId }, cancellationToken));

    public Task<int> NextSessionNumberAsync(long groupId, CancellationToken cancellationToken) =>
        db.Connection.ExecuteScalarAsync<int>(db.Command(
            "UPDATE groups SET next_session_number = next_session_number + 1 WHERE id = @Id RETURNING next_session_number - 1",
            new { Id = groupId }, cancellationToken));

    public async Task<Group?> FindByIdAsync(long groupId, CancellationToken cancellationToken) =>
        (await db.Connection.QuerySingleOrDefaultAsync<GroupRow>(db.Command(
            """
            SELECT id, platform, external_id, title, time_zone, created_at, active, language, auto_start, start_grace_minutes, auto_advance
            FROM groups
            WHERE id = @Id
            """, new { Id = groupId }, cancellationToken)))?.ToGroup();

    private Task<GroupRow?> FindRowAsync(ConversationRef conversation, CancellationToken cancellationToken) =>
        db.Connection.QuerySingleOrDefaultAsync<GroupRow>(db.Command(
            """
            SELECT id, platform, external_id, title, time_zone, created_at, active, language, auto_start, start_grace_minutes, auto_advance
            FROM groups
            WHERE platform = @Platform AND external_id = @ExternalId
            """, new { conversation.Platform, ExternalId = conversation.Id }, cancellationToken));

    private sealed class GroupRow
    {
        public long Id { get; set; }

        public string Platform { get; set; } = "";

        public string ExternalId { get; set; } = "";

        public string Title { get; set; } = "";

        public string TimeZone { get; set; } = "";

        public DateTimeOffset CreatedAt { get; set; }

        public bool Active { get; set; }

        public string Language { get; set; } = "";

        public bool AutoStart { get; set; }

        public long StartGraceMinutes { get; set; }

        public bool AutoAdvance { get; set; }

        public Group ToGroup() => new(Id, Platform, ExternalId, Title, TimeZone, CreatedAt, Active)
        {
            Language = Language,
            Settings = new GroupSettings(AutoStart, (int)StartGraceMinutes, AutoAdvance),
        };
    }
}
