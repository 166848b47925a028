using ConvenerBot.Core.Persistence;
using Dapper;

namespace ConvenerBot.Storage.Repositories;

internal sealed class DueWorkRepository(DbContext db) : IDueWorkRepository
{
    private const string Columns = "id, group_id, kind, subject_id, payload, due_at, attempts, claimed_by, claimed_until, created_at";

    public Task<long> AddAsync(DueWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return db.Connection.ExecuteScalarAsync<long>(db.Command(
            """
            INSERT INTO due_work (group_id, kind, subject_id, payload, due_at, created_at, claimed_by, claimed_until)
            VALUES (@GroupId, @Kind, @SubjectId, @Payload, @DueAt, @CreatedAt, @ClaimedBy, @ClaimedUntil)
            RETURNING id
            """, new { work.GroupId, work.Kind, work.SubjectId, work.Payload, work.DueAt, work.CreatedAt, work.ClaimedBy, work.ClaimedUntil }, cancellationToken));
    }

    public async Task<IReadOnlyList<DueWork>> ClaimAsync(string claimer, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(claimer);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var rows = await db.Connection.QueryAsync<DueWorkRow>(db.Command(
            ClaimSql(db.Dialect), new { Claimer = claimer, Until = now + lease, Now = now, Max = max }, cancellationToken));
        return [.. rows.Select(r => r.ToDueWork()).OrderBy(w => w.DueAt).ThenBy(w => w.Id)];
    }

    /// <summary>The claim's statement in a dialect, with parameters @Claimer, @Until, @Now and @Max (the benchmark explains it as it is).</summary>
    internal static string ClaimSql(SqlDialect dialect) =>
        $"""
        UPDATE due_work
        SET claimed_by = @Claimer, claimed_until = @Until
        WHERE id IN (
            SELECT id FROM due_work
            WHERE due_at <= @Now AND (claimed_until IS NULL OR claimed_until <= @Now)
            ORDER BY due_at, id
            LIMIT @Max{dialect.SkipLocked})
        RETURNING {Columns}
        """;

    public async Task<bool> CompleteAsync(long id, string claimer, CancellationToken cancellationToken, bool alone = true) =>
        await db.Connection.ExecuteAsync(db.Command(
            (alone ? db.Dialect.CommitWithoutFlush : "") + "DELETE FROM due_work WHERE id = @Id AND claimed_by = @Claimer", new { Id = id, Claimer = claimer }, cancellationToken)) == 1;

    public async Task<bool> ReleaseAsync(long id, string claimer, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        await db.Connection.ExecuteAsync(db.Command(
            """
            UPDATE due_work
            SET due_at = @RetryAt, claimed_by = NULL, claimed_until = NULL, attempts = attempts + 1
            WHERE id = @Id AND claimed_by = @Claimer
            """, new { Id = id, Claimer = claimer, RetryAt = retryAt }, cancellationToken)) == 1;

    public async Task EnsureAsync(string kind, DateTimeOffset dueBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        var moved = await db.Connection.ExecuteAsync(db.Command(
            """
            UPDATE due_work SET due_at = @DueBy
            WHERE kind = @Kind AND group_id IS NULL AND subject_id IS NULL AND claimed_by IS NULL AND due_at > @DueBy
            """, new { Kind = kind, DueBy = dueBy }, cancellationToken));
        if (moved == 0)
        {
            // The unique index on deployment work keeps a second instance starting at once from adding it twice.
            await db.Connection.ExecuteAsync(db.Command(
                """
                INSERT INTO due_work (group_id, kind, subject_id, payload, due_at, created_at)
                VALUES (NULL, @Kind, NULL, NULL, @DueBy, @Now)
                ON CONFLICT DO NOTHING
                """, new { Kind = kind, DueBy = dueBy, Now = now }, cancellationToken));
        }
    }

    public Task<int> RemoveForSubjectAsync(string kind, long subjectId, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(db.Command(
            "DELETE FROM due_work WHERE kind = @Kind AND subject_id = @SubjectId", new { Kind = kind, SubjectId = subjectId }, cancellationToken));

    public async Task<DueWork?> FindAsync(long id, CancellationToken cancellationToken) =>
        (await db.Connection.QuerySingleOrDefaultAsync<DueWorkRow>(db.Command(
            $"SELECT {Columns} FROM due_work WHERE id = @Id", new { Id = id }, cancellationToken)))?.ToDueWork();

    public async Task<bool> SetPayloadAsync(long id, string claimer, string? payload, CancellationToken cancellationToken) =>
        await db.Connection.ExecuteAsync(db.Command(
            "UPDATE due_work SET payload = @Payload WHERE id = @Id AND claimed_by = @Claimer", new { Id = id, Claimer = claimer, Payload = payload }, cancellationToken)) == 1;

    private sealed class DueWorkRow
    {
        public long Id { get; set; }

        public long? GroupId { get; set; }

        public string Kind { get; set; } = "";

        public long? SubjectId { get; set; }

        public string? Payload { get; set; }

        public DateTimeOffset DueAt { get; set; }

        public long Attempts { get; set; }

        public string? ClaimedBy { get; set; }

        public DateTimeOffset? ClaimedUntil { get; set; }

        public DateTimeOffset CreatedAt { get; set; }

        public DueWork ToDueWork() => new(Id, GroupId, Kind, SubjectId, Payload, DueAt, CreatedAt)
        {
            Attempts = (int)Attempts,
            ClaimedBy = ClaimedBy,
            ClaimedUntil = ClaimedUntil,
        };
    }
}
