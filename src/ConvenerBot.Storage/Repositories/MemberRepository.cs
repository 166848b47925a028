using ConvenerBot.Core.Members;
using Dapper;

namespace ConvenerBot.Storage.Repositories;

internal sealed class MemberRepository(DbContext db) : IMemberRepository
{
    private const string Columns = "id, group_id, external_id, display_name, role, joined_at";

    public async Task<Member> GetOrCreateAsync(long groupId, string externalId, string displayName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = new { GroupId = groupId, ExternalId = externalId, DisplayName = displayName, Now = now };
        var row = await FindAsync(key, cancellationToken);
        if (row is null)
        {
            // Lock the group so that exactly one first member becomes its organizer.
            await db.Connection.ExecuteAsync(db.Command("SELECT id FROM groups WHERE id = @GroupId" + db.Dialect.ForUpdate, key, cancellationToken));
            await db.Connection.ExecuteAsync(db.Command(
                """
                INSERT INTO members (group_id, external_id, display_name, role, joined_at)
                SELECT @GroupId, @ExternalId, @DisplayName,
                       CASE WHEN EXISTS (SELECT 1 FROM members WHERE group_id = @GroupId) THEN 'member' ELSE 'organizer' END,
                       @Now
                ON CONFLICT (group_id, external_id) DO NOTHING
                """, key, cancellationToken));
            row = await FindAsync(key, cancellationToken) ?? throw new InvalidOperationException("A member row vanished right after it was written.");
        }
        else if (row.DisplayName != displayName)
        {
            await db.Connection.ExecuteAsync(db.Command("UPDATE members SET display_name = @DisplayName WHERE id = @Id", new { DisplayName = displayName, row.Id }, cancellationToken));
            row.DisplayName = displayName;
        }

        return row.ToMember();
    }

    public async Task<IReadOnlyList<Member>> ListAsync(long groupId, CancellationToken cancellationToken)
    {
        var rows = await db.Connection.QueryAsync<MemberRow>(db.Command(
            $"SELECT {Columns} FROM members WHERE group_id = @GroupId ORDER BY id", new { GroupId = groupId }, cancellationToken));
        return [.. rows.Select(r => r.ToMember())];
    }

    public Task SetRoleAsync(long memberId, Role role, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(db.Command("UPDATE members SET role = @Role WHERE id = @Id", new { Role = Names.Of(role), Id = memberId }, cancellationToken));

    private Task<MemberRow?> FindAsync(object key, CancellationToken cancellationToken) =>
        db.Connection.QuerySingleOrDefaultAsync<MemberRow>(db.Command(
            $"SELECT {Columns} FROM members WHERE group_id = @GroupId AND external_id = @ExternalId", key, cancellationToken));

    private sealed class MemberRow
    {
        public long Id { get; set; }

        public long GroupId { get; set; }

        public string ExternalId { get; set; } = "";

        public string DisplayName { get; set; } = "";

        public string Role { get; set; } = "";

        public DateTimeOffset JoinedAt { get; set; }

        public Member ToMember() => new(Id, GroupId, ExternalId, DisplayName, Names.Role(Role), JoinedAt);
    }
}
