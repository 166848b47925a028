using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Groups;
using Dapper;

namespace ConvenerBot.Storage.Repositories;

internal sealed class GroupRepository(DbContext db) : IGroupRepository
{
    public async Task<Group> GetOrCreateAsync(ConversationRef conversation, string title, string timeZone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = new { conversation.Platform, ExternalId = conversation.Id, Title = title, TimeZone = timeZone, Now = now };
        await db.Connection.ExecuteAsync(db.Command(
            """
            INSERT INTO groups (platform, external_id, title, time_zone, created_at)
            VALUES (@Platform, @ExternalId, @Title, @TimeZone, @Now)
            ON CONFLICT (platform, external_id) DO NOTHING
            """, key, cancellationToken));
        var row = await db.Connection.QuerySingleAsync<GroupRow>(db.Command(
            """
            SELECT id, platform, external_id, title, time_zone, created_at
            FROM groups
            WHERE platform = @Platform AND external_id = @ExternalId
            """, key, cancellationToken));
        if (row.Title != title)
        {
            await db.Connection.ExecuteAsync(db.Command("UPDATE groups SET title = @Title WHERE id = @Id", new { Title = title, row.Id }, cancellationToken));
        }

        return new Group(row.Id, row.Platform, row.ExternalId, title, row.TimeZone, row.CreatedAt);
    }

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

    private sealed class GroupRow
    {
        public long Id { get; set; }

        public string Platform { get; set; } = "";

        public string ExternalId { get; set; } = "";

        public string Title { get; set; } = "";

        public string TimeZone { get; set; } = "";

        public DateTimeOffset CreatedAt { get; set; }
    }
}
