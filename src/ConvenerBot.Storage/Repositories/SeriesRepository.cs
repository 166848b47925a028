using ConvenerBot.Core.Series;
using Dapper;
using NodaTime;
using NodaTime.Text;

namespace ConvenerBot.Storage.Repositories;

internal sealed class SeriesRepository(DbContext db) : ISeriesRepository
{
    private static readonly LocalTimePattern WallTime = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    private static readonly LocalDatePattern Day = LocalDatePattern.CreateWithInvariantCulture("uuuu-MM-dd");

    private const string Select =
        """
        SELECT id, group_id, number, typed, rrule, time_zone, wall_time, first_day, case_id, protocol_key, status, created_by, created_at
        FROM series
        """;

    public async Task<SessionSeries> AddAsync(
        long groupId, string typed, string rrule, string timeZone, LocalTime wallTime, LocalDate firstDay, long? caseId, string protocolKey,
        long createdBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var number = await db.Connection.ExecuteScalarAsync<int>(db.Command(
            "UPDATE groups SET next_series_number = next_series_number + 1 WHERE id = @Id RETURNING next_series_number - 1",
            new { Id = groupId }, cancellationToken));
        await db.Connection.ExecuteAsync(db.Command(
            """
            INSERT INTO series (group_id, number, typed, rrule, time_zone, wall_time, first_day, case_id, protocol_key, status, created_by, created_at)
            VALUES (@GroupId, @Number, @Typed, @RRule, @TimeZone, @WallTime, @FirstDay, @CaseId, @ProtocolKey, @Active, @CreatedBy, @Now)
            """,
            new
            {
                GroupId = groupId, Number = number, Typed = typed, RRule = rrule, TimeZone = timeZone, WallTime = WallTime.Format(wallTime),
                FirstDay = Day.Format(firstDay), CaseId = caseId, ProtocolKey = protocolKey, Statuses.Series.Active, CreatedBy = createdBy, Now = now,
            },
            cancellationToken));
        return await FindAsync(groupId, number, forUpdate: false, cancellationToken) ?? throw new InvalidOperationException("A series row vanished right after it was written.");
    }

    public async Task<SessionSeries?> FindAsync(long groupId, int number, bool forUpdate, CancellationToken cancellationToken) =>
        (await db.Connection.QuerySingleOrDefaultAsync<SeriesRow>(db.Command(
            Select + " WHERE group_id = @GroupId AND number = @Number" + (forUpdate ? db.Dialect.ForUpdate : ""),
            new { GroupId = groupId, Number = number }, cancellationToken)))?.ToSeries();

    public async Task<SessionSeries?> FindByIdAsync(long groupId, long seriesId, bool forUpdate, CancellationToken cancellationToken) =>
        (await db.Connection.QuerySingleOrDefaultAsync<SeriesRow>(db.Command(
            Select + " WHERE group_id = @GroupId AND id = @Id" + (forUpdate ? db.Dialect.ForUpdate : ""),
            new { GroupId = groupId, Id = seriesId }, cancellationToken)))?.ToSeries();

    public async Task<IReadOnlyList<SessionSeries>> ListAsync(long groupId, CancellationToken cancellationToken)
    {
        var rows = await db.Connection.QueryAsync<SeriesRow>(db.Command(
            Select + " WHERE group_id = @GroupId AND status <> @Ended ORDER BY number",
            new { GroupId = groupId, Statuses.Series.Ended }, cancellationToken));
        return [.. rows.Select(r => r.ToSeries())];
    }

    public Task<int> CountActiveAsync(long groupId, CancellationToken cancellationToken) =>
        db.Connection.ExecuteScalarAsync<int>(db.Command(
            "SELECT COUNT(*) FROM series WHERE group_id = @GroupId AND status = @Active",
            new { GroupId = groupId, Statuses.Series.Active }, cancellationToken));

    public Task LinkSessionAsync(long sessionId, long seriesId, DateTimeOffset occurrence, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(db.Command(
            "UPDATE sessions SET series_id = @SeriesId, series_at = @Occurrence WHERE id = @Id",
            new { Id = sessionId, SeriesId = seriesId, Occurrence = occurrence }, cancellationToken));

    public async Task<IReadOnlyList<(DateTimeOffset At, bool Cancelled)>> ListOccurrencesAsync(long seriesId, CancellationToken cancellationToken) =>
        [.. (await db.Connection.QueryAsync<OccurrenceRow>(db.Command(
            "SELECT series_at, status FROM sessions WHERE series_id = @SeriesId ORDER BY series_at",
            new { SeriesId = seriesId }, cancellationToken))).Select(r => (r.SeriesAt, r.Status == Statuses.Session.Cancelled))];

    private sealed class OccurrenceRow
    {
        public DateTimeOffset SeriesAt { get; set; }

        public string Status { get; set; } = "";
    }

    public Task SetStatusAsync(long seriesId, SeriesStatus status, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(db.Command(
            "UPDATE series SET status = @Status WHERE id = @Id",
            new { Id = seriesId, Status = Statuses.Series.Of(status) }, cancellationToken));

    public async Task<IReadOnlyList<int>> ListScheduledNumbersAsync(long seriesId, CancellationToken cancellationToken) =>
        [.. await db.Connection.QueryAsync<int>(db.Command(
            "SELECT number FROM sessions WHERE series_id = @SeriesId AND status = @Scheduled ORDER BY scheduled_at, number",
            new { SeriesId = seriesId, Statuses.Session.Scheduled }, cancellationToken))];

    private sealed class SeriesRow
    {
        public long Id { get; set; }

        public long GroupId { get; set; }

        public long Number { get; set; }

        public string Typed { get; set; } = "";

        public string Rrule { get; set; } = "";

        public string TimeZone { get; set; } = "";

        public string WallTime { get; set; } = "";

        public string FirstDay { get; set; } = "";

        public long? CaseId { get; set; }

        public string ProtocolKey { get; set; } = "";

        public string Status { get; set; } = "";

        public long CreatedBy { get; set; }

        public DateTimeOffset CreatedAt { get; set; }

        public SessionSeries ToSeries() => new(
            Id, GroupId, (int)Number, Typed, Rrule, TimeZone, SeriesRepository.WallTime.Parse(WallTime).Value, Day.Parse(FirstDay).Value, CaseId,
            ProtocolKey, Statuses.Series.Parse(Status), CreatedBy, CreatedAt);
    }
}
