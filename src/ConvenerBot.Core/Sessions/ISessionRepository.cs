namespace ConvenerBot.Core.Sessions;

public interface ISessionRepository
{
    Task<Session> AddAsync(long groupId, int number, long? caseId, string protocolKey, DateTimeOffset scheduledAt, long scheduledBy, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The group's session with that number, or null; sessions of other groups are never returned. With
    /// <paramref name="forUpdate"/> the row stays locked until commit, so stage changes never interleave.
    /// </summary>
    Task<Session?> FindAsync(long groupId, int number, bool forUpdate, CancellationToken cancellationToken);

    /// <summary>The group's session with that row id (for work that names it), or null; locked until commit with <paramref name="forUpdate"/>.</summary>
    Task<Session?> FindByIdAsync(long groupId, long sessionId, bool forUpdate, CancellationToken cancellationToken);

    /// <summary>The group's running session, or null; locked until commit with <paramref name="forUpdate"/>.</summary>
    Task<Session?> FindRunningAsync(long groupId, bool forUpdate, CancellationToken cancellationToken);

    /// <summary>Scheduled and running sessions, soonest first.</summary>
    Task<IReadOnlyList<Session>> ListUpcomingAsync(long groupId, CancellationToken cancellationToken);

    /// <summary>Missed sessions planned at or after <paramref name="since"/>, soonest first.</summary>
    Task<IReadOnlyList<Session>> ListMissedAsync(long groupId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The running session, else the most recently ended one; null when the group has neither.</summary>
    Task<Session?> FindLatestAsync(long groupId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Session>> ListScheduledForCaseAsync(long caseId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the session's case, status, planned time, stage, times, facilitator and space. A change of status or
    /// of planned time raises its revision (a calendar's SEQUENCE).
    /// </summary>
    Task SaveAsync(Session session, CancellationToken cancellationToken);

    /// <summary>Records that a member took part; repeated calls are harmless.</summary>
    Task MarkAttendedAsync(long sessionId, long memberId, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<Attendee>> ListAttendeesAsync(long sessionId, CancellationToken cancellationToken);

    /// <summary>The session's event in the platform's calendar, as last kept (<see cref="SessionMirror"/>); null when it has none.</summary>
    Task<Conversations.MirroredEvent?> FindEventAsync(long sessionId, CancellationToken cancellationToken);

    /// <summary>Keeps the session's event (replacing the one kept before), or forgets it (null).</summary>
    Task SaveEventAsync(long sessionId, Conversations.MirroredEvent? mirrored, DateTimeOffset now, CancellationToken cancellationToken);
}
