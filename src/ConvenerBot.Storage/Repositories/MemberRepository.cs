using ConvenerBot.Core.Groups;
using ConvenerBot.Core.Members;
using Dapper;

namespace ConvenerBot.Storage.Repositories;

internal sealed class MemberRepository(DbContext db) : IMemberRepository
{
    private const string Columns = "id, group_id, external_id, display_name, handle, role, joined_at";

    public async Task<Member> GetOrCreateAsync(long groupId, MemberProfile profile, bool firstMemberOrganizes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var key = new
        {
            GroupId = groupId, profile.ExternalId, profile.DisplayName, profile.Handle, Now = now, FirstOrganizes = firstMemberOrganizes,
            Organizer = Names.Of(Role.Organizer), Member = Names.Of(Role.Member),
        };
        var row = await FindAsync(key, cancellationToken);
        if (row is null)
        {
            // Lock the group so that exactly one first member becomes its organizer where that rule holds.
            await db.Connection.ExecuteAsync(db.Command("SELECT id FROM groups WHERE id = @GroupId" + db.Dialect.ForUpdate, key, cancellationToken));
            await db.Connection.ExecuteAsync(db.Command(
                """
                INSERT INTO members (group_id, external_id, display_name, handle, role, joined_at)
                SELECT @GroupId, @ExternalId, @DisplayName, @Handle,
                       CASE WHEN @FirstOrganizes AND NOT EXISTS (SELECT 1 FROM members WHERE group_id = @GroupId) THEN @Organizer ELSE @Member END,
                       @Now
                ON CONFLICT (group_id, external_id) DO NOTHING
                """, key, cancellationToken));
            row = await FindAsync(key, cancellationToken) ?? throw new InvalidOperationException("A member row vanished right after it was written.");
        }
        else if (IsOutdated(row, profile))
        {
            row.DisplayName = profile.DisplayName;
            row.Handle = profile.HandleKnown ? profile.Handle : row.Handle;
            await db.Connection.ExecuteAsync(db.Command(
                "UPDATE members SET display_name = @DisplayName, handle = @Handle WHERE id = @Id", new { row.DisplayName, row.Handle, row.Id }, cancellationToken));
        }
        else
        {
            return row.ToMember();
        }

        if (profile.Handle is not null)
        {
            // Usernames change hands on the platform: whoever uses one now holds it in this group.
            await db.Connection.ExecuteAsync(db.Command(
                "UPDATE members SET handle = NULL WHERE group_id = @GroupId AND handle = @Handle AND id <> @Id",
                new { GroupId = groupId, profile.Handle, row.Id }, cancellationToken));
        }

        return row.ToMember();
    }

    public async Task<Member?> FindCurrentAsync(long groupId, MemberProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var row = await FindAsync(new { GroupId = groupId, profile.ExternalId }, cancellationToken);
        return row is null || IsOutdated(row, profile) ? null : row.ToMember();
    }

    public async Task<Member?> FindByHandleAsync(long groupId, string handle, CancellationToken cancellationToken) =>
        (await db.Connection.QueryFirstOrDefaultAsync<MemberRow>(db.Command(
            $"SELECT {Columns} FROM members WHERE group_id = @GroupId AND handle = @Handle ORDER BY id DESC",
            new { GroupId = groupId, Handle = handle }, cancellationToken)))?.ToMember();

    public async Task<IReadOnlyList<Member>> ListAsync(long groupId, CancellationToken cancellationToken)
    {
        var rows = await db.Connection.QueryAsync<MemberRow>(db.Command(
            $"SELECT {Columns} FROM members WHERE group_id = @GroupId ORDER BY id", new { GroupId = groupId }, cancellationToken));
        return [.. rows.Select(r => r.ToMember())];
    }

    public async Task<IReadOnlyList<(Group Group, Member Member)>> ListMembershipsAsync(string platform, string externalId, CancellationToken cancellationToken)
    {
        var rows = await db.Connection.QueryAsync<MembershipRow>(db.Command(
            """
            SELECT m.id, m.group_id, m.external_id, m.display_name, m.handle, m.role, m.joined_at,
                   g.title AS group_title, g.time_zone AS group_time_zone, g.language AS group_language, g.external_id AS group_external_id,
                   g.created_at AS group_created_at, g.active AS group_active
            FROM members m
            JOIN groups g ON g.id = m.group_id
            WHERE g.platform = @Platform AND m.external_id = @ExternalId
            ORDER BY g.title, g.id
            """, new { Platform = platform, ExternalId = externalId }, cancellationToken));
        return [.. rows.Select(r => (new Group(r.GroupId, platform, r.GroupExternalId, r.GroupTitle, r.GroupTimeZone, r.GroupCreatedAt, r.GroupActive) { Language = r.GroupLanguage }, r.ToMember()))];
    }

    public Task SetRoleAsync(long memberId, Role role, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(db.Command("UPDATE members SET role = @Role WHERE id = @Id", new { Role = Names.Of(role), Id = memberId }, cancellationToken));

    private static bool IsOutdated(MemberRow row, MemberProfile profile) =>
        row.DisplayName != profile.DisplayName || (profile.HandleKnown && row.Handle != profile.Handle);

    private Task<MemberRow?> FindAsync(object key, CancellationToken cancellationToken) =>
        db.Connection.QuerySingleOrDefaultAsync<MemberRow>(db.Command(
            $"SELECT {Columns} FROM members WHERE group_id = @GroupId AND external_id = @ExternalId", key, cancellationToken));

    private class MemberRow
    {
        public long Id { get; set; }

        public long GroupId { get; set; }

        public string ExternalId { get; set; } = "";

        public string DisplayName { get; set; } = "";

        public string? Handle { get; set; }

        public string Role { get; set; } = "";

        public DateTimeOffset JoinedAt { get; set; }

        public Member ToMember() => new(Id, GroupId, ExternalId, DisplayName, Names.Role(Role), JoinedAt);
    }

    private sealed class MembershipRow : MemberRow
    {
        public string GroupTitle { get; set; } = "";

        public string GroupTimeZone { get; set; } = "";

        public string GroupExternalId { get; set; } = "";

        public DateTimeOffset GroupCreatedAt { get; set; }

        public bool GroupActive { get; set; }

        public string GroupLanguage { get; set; } = "";
    }
}
