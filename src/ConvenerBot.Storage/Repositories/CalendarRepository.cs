using ConvenerBot.Core.Calendar;
using Dapper;

namespace ConvenerBot.Storage.Repositories;

internal sealed class CalendarRepository(DbContext db) : ICalendarRepository
{
    private const string Select = "SELECT number, protocol_key, status, scheduled_at, started_at, ended_at, revision, series_id, series_at FROM sessions";

    public Task<string?> FindTokenAsync(long groupId, CancellationToken cancellationToken) =>
        db.Connection.QuerySingleOrDefaultAsync<string?>(db.Command(
            "SELECT token FROM calendar_feeds WHERE group_id = @GroupId", new { GroupId = groupId }, cancellationToken));

    public async Task<(long GroupId, string Token)?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var row = await db.Connection.QuerySingleOrDefaultAsync<FeedRow>(db.Command(
            "SELECT group_id, token FROM calendar_feeds WHERE token_hash = @Hash", new { Hash = tokenHash }, cancellationToken));
        return row is null ? null : (row.GroupId, row.Token);
    }

    public Task SetTokenAsync(long groupId, string token, string tokenHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(db.Command(
            """
            INSERT INTO calendar_feeds (group_id, token, token_hash, created_at)
            VALUES (@GroupId, @Token, @Hash, @Now)
            ON CONFLICT (group_id) DO UPDATE SET token = excluded.token, token_hash = excluded.token_hash, created_at = excluded.created_at
            """,
            new { GroupId = groupId, Token = token, Hash = tokenHash, Now = now },
            cancellationToken));

    public async Task<IReadOnlyList<CalendarSession>> ListSessionsAsync(long groupId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var rows = await db.Connection.QueryAsync<SessionRow>(db.Command(
            Select + " WHERE group_id = @GroupId AND scheduled_at >= @Since ORDER BY scheduled_at, number",
            new { GroupId = groupId, Since = since }, cancellationToken));
        return [.. rows.Select(r => r.ToSession())];
    }

    public async Task<IReadOnlyList<CalendarSession>> ListSeriesSessionsAsync(long groupId, CancellationToken cancellationToken)
    {
        var rows = await db.Connection.QueryAsync<SessionRow>(db.Command(
            Select + " WHERE group_id = @GroupId AND series_id IN (SELECT id FROM series WHERE group_id = @GroupId AND status <> @Ended) ORDER BY series_at, number",
            new { GroupId = groupId, Statuses.Series.Ended }, cancellationToken));
        return [.. rows.Select(r => r.ToSession())];
    }

    public async Task<CalendarSession?> FindSessionAsync(long groupId, int number, CancellationToken cancellationToken)
    {
        var row = await db.Connection.QuerySingleOrDefaultAsync<SessionRow>(db.Command(
            Select + " WHERE group_id = @GroupId AND number = @Number", new { GroupId = groupId, Number = number }, cancellationToken));
        return row?.ToSession();
    }

    private sealed class FeedRow
    {
        public long GroupId { get; set; }

        public string Token { get; set; } = "";
    }

    private sealed class SessionRow
    {
        public long Number { get; set; }

        public string ProtocolKey { get; set; } = "";

        public string Status { get; set; } = "";

        public DateTimeOffset ScheduledAt { get; set; }

        public DateTimeOffset? StartedAt { get; set; }

        public DateTimeOffset? EndedAt { get; set; }

        public long Revision { get; set; }

        public long? SeriesId { get; set; }

        public DateTimeOffset? SeriesAt { get; set; }

        public CalendarSession ToSession() =>
            new((int)Number, ProtocolKey, Statuses.Session.Parse(Status), ScheduledAt, StartedAt, EndedAt, (int)Revision, SeriesId, SeriesAt);
    }
}
