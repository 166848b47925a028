using ConvenerBot.Core.Sessions;
using Dapper;

namespace ConvenerBot.Storage.Repositories;

internal sealed class SessionRepository(DbContext db) : ISessionRepository
{
    private static readonly UniqueIndex OneRunningPerGroup = new("sessions_one_running_per_group", "sessions", ["group_id"]);

    private const string Select =
        """
        SELECT id, group_id, number, case_id, protocol_key, status, scheduled_at, started_at, ended_at, stage_index, facilitator_id,
               scheduled_by, space, stage_started_at
        FROM sessions
        """;

    public async Task<Session> AddAsync(long groupId, int number, long? caseId, string protocolKey, DateTimeOffset scheduledAt, long scheduledBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Connection.ExecuteAsync(db.Command(
            """
            INSERT INTO sessions (group_id, number, case_id, protocol_key, status, scheduled_at, scheduled_by, created_at)
            VALUES (@GroupId, @Number, @CaseId, @ProtocolKey, @Scheduled, @ScheduledAt, @ScheduledBy, @Now)
            """,
            new { GroupId = groupId, Number = number, CaseId = caseId, ProtocolKey = protocolKey, Statuses.Session.Scheduled, ScheduledAt = scheduledAt, ScheduledBy = scheduledBy, Now = now },
            cancellationToken));
        return await FindAsync(groupId, number, forUpdate: false, cancellationToken) ?? throw new InvalidOperationException("A session row vanished right after it was written.");
    }

    public async Task<Session?> FindAsync(long groupId, int number, bool forUpdate, CancellationToken cancellationToken) =>
        (await db.Connection.QuerySingleOrDefaultAsync<SessionRow>(db.Command(
            Select + " WHERE group_id = @GroupId AND number = @Number" + (forUpdate ? db.Dialect.ForUpdate : ""),
            new { GroupId = groupId, Number = number }, cancellationToken)))?.ToSession();

    public async Task<Session?> FindByIdAsync(long groupId, long sessionId, bool forUpdate, CancellationToken cancellationToken) =>
        (await db.Connection.QuerySingleOrDefaultAsync<SessionRow>(db.Command(
            Select + " WHERE group_id = @GroupId AND id = @Id" + (forUpdate ? db.Dialect.ForUpdate : ""),
            new { GroupId = groupId, Id = sessionId }, cancellationToken)))?.ToSession();

    public async Task<Session?> FindRunningAsync(long groupId, bool forUpdate, CancellationToken cancellationToken) =>
        (await db.Connection.QuerySingleOrDefaultAsync<SessionRow>(db.Command(
            Select + " WHERE group_id = @GroupId AND status = @Running" + (forUpdate ? db.Dialect.ForUpdate : ""),
            new { GroupId = groupId, Statuses.Session.Running }, cancellationToken)))?.ToSession();

    public async Task<IReadOnlyList<Session>> ListUpcomingAsync(long groupId, CancellationToken cancellationToken)
    {
        var rows = await db.Connection.QueryAsync<SessionRow>(db.Command(
            Select + " WHERE group_id = @GroupId AND status IN (@Scheduled, @Running) ORDER BY scheduled_at, number",
            new { GroupId = groupId, Statuses.Session.Scheduled, Statuses.Session.Running }, cancellationToken));
        return [.. rows.Select(r => r.ToSession())];
    }

    public async Task<IReadOnlyList<Session>> ListMissedAsync(long groupId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var rows = await db.Connection.QueryAsync<SessionRow>(db.Command(
            Select + " WHERE group_id = @GroupId AND status = @Missed AND scheduled_at >= @Since ORDER BY scheduled_at, number",
            new { GroupId = groupId, Statuses.Session.Missed, Since = since }, cancellationToken));
        return [.. rows.Select(r => r.ToSession())];
    }

    public async Task<Session?> FindLatestAsync(long groupId, CancellationToken cancellationToken) =>
        (await db.Connection.QueryFirstOrDefaultAsync<SessionRow>(db.Command(
            Select +
            """
             WHERE group_id = @GroupId AND status IN (@Running, @Ended)
             ORDER BY CASE WHEN status = @Running THEN 0 ELSE 1 END, ended_at DESC, number DESC
            """,
            new { GroupId = groupId, Statuses.Session.Running, Statuses.Session.Ended }, cancellationToken)))?.ToSession();

    public async Task<IReadOnlyList<Session>> ListScheduledForCaseAsync(long caseId, CancellationToken cancellationToken)
    {
        var rows = await db.Connection.QueryAsync<SessionRow>(db.Command(
            Select + " WHERE case_id = @CaseId AND status = @Scheduled ORDER BY number" + db.Dialect.ForUpdate,
            new { CaseId = caseId, Statuses.Session.Scheduled }, cancellationToken));
        return [.. rows.Select(r => r.ToSession())];
    }

    public async Task SaveAsync(Session session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        try
        {
            await db.Connection.ExecuteAsync(db.Command(
            """
            UPDATE sessions
            SET case_id = @CaseId, status = @Status, scheduled_at = @ScheduledAt, started_at = @StartedAt, ended_at = @EndedAt,
                stage_index = @StageIndex, facilitator_id = @FacilitatorId, space = @Space, stage_started_at = @StageStartedAt,
                revision = revision + CASE WHEN status = @Status AND scheduled_at = @ScheduledAt THEN 0 ELSE 1 END
            WHERE id = @Id
            """,
            new
            {
                session.Id,
                session.CaseId,
                Status = Statuses.Session.Of(session.Status),
                session.ScheduledAt,
                session.StartedAt,
                session.EndedAt,
                session.StageIndex,
                session.FacilitatorId,
                session.Space,
                session.StageStartedAt,
            },
            cancellationToken));
        }
        catch (Exception ex) when (db.Dialect.IsUniqueViolation(ex, OneRunningPerGroup))
        {
            throw new Core.Persistence.StoreConflictException("one running session per group", ex);
        }
    }

    public Task MarkAttendedAsync(long sessionId, long memberId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(db.Command(
            """
            INSERT INTO attendance (session_id, member_id, first_seen_at)
            VALUES (@SessionId, @MemberId, @Now)
            ON CONFLICT (session_id, member_id) DO NOTHING
            """, new { SessionId = sessionId, MemberId = memberId, Now = now }, cancellationToken));

    public async Task<IReadOnlyList<Attendee>> ListAttendeesAsync(long sessionId, CancellationToken cancellationToken)
    {
        var rows = await db.Connection.QueryAsync<AttendeeRow>(db.Command(
            """
            SELECT a.member_id, m.display_name, a.first_seen_at
            FROM attendance a
            JOIN members m ON m.id = a.member_id
            WHERE a.session_id = @SessionId
            ORDER BY a.first_seen_at, a.member_id
            """, new { SessionId = sessionId }, cancellationToken));
        return [.. rows.Select(r => new Attendee(r.MemberId, r.DisplayName, r.FirstSeenAt))];
    }

    public async Task<Core.Conversations.MirroredEvent?> FindEventAsync(long sessionId, CancellationToken cancellationToken)
    {
        var row = await db.Connection.QuerySingleOrDefaultAsync<EventRow>(db.Command(
            "SELECT event_id, status FROM session_events WHERE session_id = @SessionId", new { SessionId = sessionId }, cancellationToken));
        return row is null ? null : new Core.Conversations.MirroredEvent(row.EventId, Statuses.Session.Parse(row.Status));
    }

    public Task SaveEventAsync(long sessionId, Core.Conversations.MirroredEvent? mirrored, DateTimeOffset now, CancellationToken cancellationToken) =>
        mirrored is null
            ? db.Connection.ExecuteAsync(db.Command("DELETE FROM session_events WHERE session_id = @SessionId", new { SessionId = sessionId }, cancellationToken))
            : db.Connection.ExecuteAsync(db.Command(
                """
                INSERT INTO session_events (session_id, event_id, status, updated_at)
                VALUES (@SessionId, @EventId, @Status, @Now)
                ON CONFLICT (session_id) DO UPDATE SET event_id = excluded.event_id, status = excluded.status, updated_at = excluded.updated_at
                """,
                new { SessionId = sessionId, EventId = mirrored.Id, Status = Statuses.Session.Of(mirrored.Status), Now = now },
                cancellationToken));

    private sealed class EventRow
    {
        public string EventId { get; set; } = "";

        public string Status { get; set; } = "";
    }

    private sealed class SessionRow
    {
        public long Id { get; set; }

        public long GroupId { get; set; }

        public long Number { get; set; }

        public long? CaseId { get; set; }

        public string ProtocolKey { get; set; } = "";

        public string Status { get; set; } = "";

        public DateTimeOffset ScheduledAt { get; set; }

        public DateTimeOffset? StartedAt { get; set; }

        public DateTimeOffset? EndedAt { get; set; }

        public long? StageIndex { get; set; }

        public long? FacilitatorId { get; set; }

        public long ScheduledBy { get; set; }

        public string? Space { get; set; }

        public DateTimeOffset? StageStartedAt { get; set; }

        public Session ToSession() => new(
            Id, GroupId, (int)Number, CaseId, ProtocolKey, Statuses.Session.Parse(Status), ScheduledAt, StartedAt, EndedAt, (int?)StageIndex, FacilitatorId,
            ScheduledBy, Space, StageStartedAt);
    }

    private sealed class AttendeeRow
    {
        public long MemberId { get; set; }

        public string DisplayName { get; set; } = "";

        public DateTimeOffset FirstSeenAt { get; set; }
    }
}
