using ConvenerBot.Core.Cases;
using Dapper;

namespace ConvenerBot.Storage.Repositories;

internal sealed class CaseRepository(DbContext db) : ICaseRepository
{
    private const string Select =
        """
        SELECT c.id, c.group_id, c.number, c.holder_id, m.display_name AS holder_name,
               c.title, c.description, c.status, c.opened_at
        FROM cases c
        JOIN members m ON m.id = c.holder_id
        """;

    public async Task<Case> AddAsync(long groupId, int number, long holderId, string title, string? description, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = await db.Connection.ExecuteScalarAsync<long>(db.Command(
            """
            INSERT INTO cases (group_id, number, holder_id, title, description, status, opened_at)
            VALUES (@GroupId, @Number, @HolderId, @Title, @Description, @Open, @Now)
            RETURNING id
            """, new { GroupId = groupId, Number = number, HolderId = holderId, Title = title, Description = description, Statuses.Case.Open, Now = now }, cancellationToken));
        return await FindByIdAsync(groupId, id, cancellationToken) ?? throw new InvalidOperationException("A case row vanished right after it was written.");
    }

    public async Task<Case?> FindAsync(long groupId, int number, CancellationToken cancellationToken) =>
        (await db.Connection.QuerySingleOrDefaultAsync<CaseRow>(db.Command(
            Select + " WHERE c.group_id = @GroupId AND c.number = @Number", new { GroupId = groupId, Number = number }, cancellationToken)))?.ToCase();

    public async Task<Case?> FindByIdAsync(long groupId, long caseId, CancellationToken cancellationToken) =>
        (await db.Connection.QuerySingleOrDefaultAsync<CaseRow>(db.Command(
            Select + " WHERE c.group_id = @GroupId AND c.id = @Id", new { GroupId = groupId, Id = caseId }, cancellationToken)))?.ToCase();

    public async Task<IReadOnlyList<Case>> ListAsync(long groupId, CancellationToken cancellationToken)
    {
        var rows = await db.Connection.QueryAsync<CaseRow>(db.Command(
            Select + " WHERE c.group_id = @GroupId ORDER BY c.number", new { GroupId = groupId }, cancellationToken));
        return [.. rows.Select(r => r.ToCase())];
    }

    public Task SetStatusAsync(long caseId, CaseStatus status, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(db.Command("UPDATE cases SET status = @Status WHERE id = @Id", new { Status = Statuses.Case.Of(status), Id = caseId }, cancellationToken));

    private sealed class CaseRow
    {
        public long Id { get; set; }

        public long GroupId { get; set; }

        public long Number { get; set; }

        public long HolderId { get; set; }

        public string HolderName { get; set; } = "";

        public string Title { get; set; } = "";

        public string? Description { get; set; }

        public string Status { get; set; } = "";

        public DateTimeOffset OpenedAt { get; set; }

        public Case ToCase() => new(Id, GroupId, (int)Number, HolderId, HolderName, Title, Description, Statuses.Case.Parse(Status), OpenedAt);
    }
}
