using System.Globalization;
using ConvenerBot.Core.Sessions;
using Dapper;

namespace ConvenerBot.Storage.Repositories;

internal sealed class ReminderSettingsRepository(DbContext db) : IReminderSettingsRepository
{
    public async Task<IReadOnlyList<int>?> FindTimesAsync(long groupId, CancellationToken cancellationToken)
    {
        var stored = await db.Connection.QuerySingleOrDefaultAsync<string>(db.Command(
            "SELECT minutes_before FROM group_reminders WHERE group_id = @GroupId", new { GroupId = groupId }, cancellationToken));
        return stored is null
            ? null
            : [.. stored.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(m => int.Parse(m, NumberStyles.None, CultureInfo.InvariantCulture))];
    }

    public Task SetTimesAsync(long groupId, IReadOnlyList<int> minutesBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(minutesBefore);
        return db.Connection.ExecuteAsync(db.Command(
            """
            INSERT INTO group_reminders (group_id, minutes_before, updated_at)
            VALUES (@GroupId, @Minutes, @Now)
            ON CONFLICT (group_id) DO UPDATE SET minutes_before = excluded.minutes_before, updated_at = excluded.updated_at
            """,
            new { GroupId = groupId, Minutes = string.Join(' ', minutesBefore.Select(m => m.ToString(CultureInfo.InvariantCulture))), Now = now },
            cancellationToken));
    }

    public async Task<bool> IsPrivateOffAsync(long memberId, CancellationToken cancellationToken) =>
        await db.Connection.QuerySingleOrDefaultAsync<bool?>(db.Command(
            "SELECT private_off FROM member_reminders WHERE member_id = @MemberId", new { MemberId = memberId }, cancellationToken)) ?? false;

    public Task SetPrivateOffAsync(long memberId, bool off, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(db.Command(
            """
            INSERT INTO member_reminders (member_id, private_off)
            VALUES (@MemberId, @Off)
            ON CONFLICT (member_id) DO UPDATE SET private_off = excluded.private_off
            """, new { MemberId = memberId, Off = off }, cancellationToken));

    public async Task MarkToldUnreachableAsync(IReadOnlyCollection<long> memberIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        foreach (var memberId in memberIds)
        {
            await db.Connection.ExecuteAsync(db.Command(
                """
                INSERT INTO member_reminders (member_id, told_unreachable_at)
                VALUES (@MemberId, @Now)
                ON CONFLICT (member_id) DO UPDATE SET told_unreachable_at = excluded.told_unreachable_at
                """, new { MemberId = memberId, Now = now }, cancellationToken));
        }
    }
}
