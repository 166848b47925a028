using ConvenerBot.Core.Sessions;
using Dapper;

namespace ConvenerBot.Storage.Repositories;

internal sealed class LiveButtonRepository(DbContext db) : ILiveButtonRepository
{
    public Task RecordAsync(LiveButtonMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return db.Connection.ExecuteAsync(db.Command(
            """
            INSERT INTO live_buttons (group_id, message_id, space, session_id, stage_index, created_at)
            VALUES (@GroupId, @MessageId, @Space, @SessionId, @StageIndex, @Now)
            ON CONFLICT (group_id, message_id) DO UPDATE
            SET space = excluded.space, session_id = excluded.session_id, stage_index = excluded.stage_index, created_at = excluded.created_at
            """,
            new { message.GroupId, message.MessageId, message.Space, message.SessionId, message.StageIndex, Now = now },
            cancellationToken));
    }

    public async Task<IReadOnlyList<LiveButtonMessage>> ListAsync(long sessionId, CancellationToken cancellationToken)
    {
        var rows = await db.Connection.QueryAsync<Row>(db.Command(
            """
            SELECT group_id, message_id, space, session_id, stage_index
            FROM live_buttons
            WHERE session_id = @SessionId
            ORDER BY created_at, message_id
            """, new { SessionId = sessionId }, cancellationToken));
        return [.. rows.Select(r => new LiveButtonMessage(r.GroupId, r.MessageId, r.Space, r.SessionId, r.StageIndex is { } index ? (int)index : null))];
    }

    public Task RemoveAsync(long groupId, string messageId, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(db.Command(
            "DELETE FROM live_buttons WHERE group_id = @GroupId AND message_id = @MessageId",
            new { GroupId = groupId, MessageId = messageId }, cancellationToken));

    private sealed class Row
    {
        public long GroupId { get; set; }

        public string MessageId { get; set; } = "";

        public string? Space { get; set; }

        public long SessionId { get; set; }

        public long? StageIndex { get; set; }
    }
}
