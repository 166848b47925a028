namespace ConvenerBot.Core.Persistence;

/// <summary>
/// Work that falls due at an instant (a reminder, a timer, a message to send), kept in the store until it
/// is done. A worker claims it for a lease; a claim that runs out lets another worker take it.
/// </summary>
/// <param name="Id">Given by the store; ignored when the work is added.</param>
/// <param name="Kind">What the work is; whoever handles that kind knows its <paramref name="Payload"/>.</param>
/// <param name="GroupId">The group it belongs to; null for work of the whole deployment.</param>
/// <param name="SubjectId">What it is about (e.g. a session's id), so that cancelling or moving that removes its work.</param>
public sealed record DueWork(long Id, long? GroupId, string Kind, long? SubjectId, string? Payload, DateTimeOffset DueAt, DateTimeOffset CreatedAt)
{
    /// <summary>How many times the work was released to be tried again.</summary>
    public int Attempts { get; init; }

    /// <summary>Who holds the work until <see cref="ClaimedUntil"/>; null when no one does.</summary>
    public string? ClaimedBy { get; init; }

    public DateTimeOffset? ClaimedUntil { get; init; }
}
