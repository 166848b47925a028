namespace ConvenerBot.Core.Sessions;

/// <summary>Members' answers to scheduled sessions: one per member and session, replaced when they answer again.</summary>
public interface IRsvpRepository
{
    /// <summary>Records the member's answer, replacing an earlier one; when they were reminded stays as it was.</summary>
    Task SetAsync(long sessionId, long memberId, RsvpAnswer answer, string? caseTitle, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The session's answers, oldest first, with the members' names and reminder preferences.</summary>
    Task<IReadOnlyList<Rsvp>> ListAsync(long sessionId, CancellationToken cancellationToken);

    /// <summary>Notes that these members were reminded of the session privately (or were covered by the group's reminder).</summary>
    Task MarkRemindedAsync(long sessionId, IReadOnlyCollection<long> memberIds, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Forgets who was reminded of the session privately (it moved), keeping their answers.</summary>
    Task ForgetRemindedAsync(long sessionId, CancellationToken cancellationToken);
}
