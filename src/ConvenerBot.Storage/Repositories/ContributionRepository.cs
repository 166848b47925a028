using ConvenerBot.Core.Sessions;
using Dapper;

namespace ConvenerBot.Storage.Repositories;

internal sealed class ContributionRepository(DbContext db) : IContributionRepository
{
    public Task<long> AddAsync(long sessionId, long memberId, string stageKey, ContributionKind kind, string text, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Connection.ExecuteScalarAsync<long>(db.Command(
            """
            INSERT INTO contributions (session_id, member_id, stage_key, kind, text, created_at)
            VALUES (@SessionId, @MemberId, @StageKey, @Kind, @Text, @Now)
            RETURNING id
            """,
            new { SessionId = sessionId, MemberId = memberId, StageKey = stageKey, Kind = Names.Of(kind), Text = text, Now = now },
            cancellationToken));

    public async Task<IReadOnlyList<Contribution>> ListAsync(long sessionId, CancellationToken cancellationToken)
    {
        var rows = await db.Connection.QueryAsync<ContributionRow>(db.Command(
            """
            SELECT c.id, c.session_id, c.member_id, m.display_name AS member_name, c.stage_key, c.kind, c.text, c.created_at
            FROM contributions c
            JOIN members m ON m.id = c.member_id
            WHERE c.session_id = @SessionId
            ORDER BY c.id
            """, new { SessionId = sessionId }, cancellationToken));
        return [.. rows.Select(r => new Contribution(r.Id, r.SessionId, r.MemberId, r.MemberName, r.StageKey, Names.Kind(r.Kind), r.Text, r.CreatedAt))];
    }

    private sealed class ContributionRow
    {
        public long Id { get; set; }

        public long SessionId { get; set; }

        public long MemberId { get; set; }

        public string MemberName { get; set; } = "";

        public string StageKey { get; set; } = "";

        public string Kind { get; set; } = "";

        public string Text { get; set; } = "";

        public DateTimeOffset CreatedAt { get; set; }
    }
}
