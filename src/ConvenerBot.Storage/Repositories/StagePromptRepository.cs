using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Sessions;
using Dapper;

namespace ConvenerBot.Storage.Repositories;

internal sealed class StagePromptRepository(DbContext db) : IStagePromptRepository
{
    public Task RecordAsync(long groupId, string messageId, long sessionId, int stageIndex, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(db.Command(
            """
            INSERT INTO stage_prompts (group_id, message_id, session_id, stage_index, created_at)
            VALUES (@GroupId, @MessageId, @SessionId, @StageIndex, @Now)
            ON CONFLICT (group_id, message_id) DO UPDATE
            SET session_id = excluded.session_id, stage_index = excluded.stage_index, created_at = excluded.created_at
            """,
            new { GroupId = groupId, MessageId = messageId, SessionId = sessionId, StageIndex = stageIndex, Now = now },
            cancellationToken));

    public async Task<StageRef?> FindAsync(long groupId, string messageId, CancellationToken cancellationToken)
    {
        var row = await db.Connection.QuerySingleOrDefaultAsync<PromptRow>(db.Command(
            """
            SELECT s.number AS session_number, p.stage_index
            FROM stage_prompts p
            JOIN sessions s ON s.id = p.session_id
            WHERE p.group_id = @GroupId AND p.message_id = @MessageId
            """, new { GroupId = groupId, MessageId = messageId }, cancellationToken));
        return row is null ? null : new StageRef((int)row.SessionNumber, (int)row.StageIndex + 1);
    }

    private sealed class PromptRow
    {
        public long SessionNumber { get; set; }

        public long StageIndex { get; set; }
    }
}
