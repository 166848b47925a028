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

    public Task SetActiveAsync(long groupId, bool active, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(db.Command(
            "UPDATE groups SET active = @Active WHERE id = @Id", new { Active = active, Id = groupId }, cancellationToken));

    public Task SetTimeZoneAsync(long groupId, string timeZone, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(db.Command("UPDATE groups SET time_zone = @TimeZone WHERE id = @Id", new { TimeZone = timeZone, Id = groupId }, cancellationToken));

    public Task<int> NextCaseNumberAsync(long groupId, CancellationToken cancellationToken) =>
        db.Connection.ExecuteScalarAsync<int>(db.Command(
            "UPDATE groups SET next_case_number = next_case_number + 1 WHERE id = @Id RETURNING next_case_number - 1",
            new { Id = groupId }, cancellationToken));

    public Task<int> NextSessionNumberAsync(long groupId, CancellationToken cancellationToken) =>
        db.Connection.ExecuteScalarAsync<int>(db.Command(
            "UPDATE groups SET next_session_number = next_session_number + 1 WHERE id = @Id RETURNING next_session_number - 1",
            new { Id = groupId }, cancellationToken));

    private Task<GroupRow?> FindRowAsync(ConversationRef conversation, CancellationToken cancellationToken) =>
        db.Connection.QuerySingleOrDefaultAsync<GroupRow>(db.Command(
            """
            SELECT id, platform, external_id, title, time_zone, created_at, active
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

        public Group ToGroup() => new(Id, Platform, ExternalId, Title, TimeZone, CreatedAt, Active);
    }
}
