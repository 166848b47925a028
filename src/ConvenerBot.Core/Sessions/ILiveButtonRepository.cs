namespace ConvenerBot.Core.Sessions;

/// <summary>
/// Messages the bot posted with buttons about a session's stages (a prompt's Next and Back, a time-up
/// notice's Extend, a start notice's Start, the question whether to end), kept until their buttons are
/// taken off because the session moved on (<see cref="StageButtons"/>). Kept in the store, so buttons are
/// taken off after a restart and whichever instance posted them.
/// </summary>
public interface ILiveButtonRepository
{
    /// <summary>Records a message with live buttons; recording the same message again replaces what it was.</summary>
    Task RecordAsync(LiveButtonMessage message, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The session's messages whose buttons are still live, oldest first.</summary>
    Task<IReadOnlyList<LiveButtonMessage>> ListAsync(long sessionId, CancellationToken cancellationToken);

    /// <summary>Forgets a message: its buttons are gone.</summary>
    Task RemoveAsync(long groupId, string messageId, CancellationToken cancellationToken);
}

/// <summary>A message with live buttons about a session.</summary>
/// <param name="Space">The topic or thread it was posted in, or null for the conversation itself.</param>
/// <param name="StageIndex">The stage its buttons act on (counting from 0), or null for a start notice, whose Start button acts before any stage.</param>
public sealed record LiveButtonMessage(long GroupId, string MessageId, string? Space, long SessionId, int? StageIndex)
{
    /// <summary>Whether the buttons no longer apply to the session as it is now.</summary>
    public bool IsStaleFor(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return StageIndex is null
            ? session.Status is not (SessionStatus.Scheduled or SessionStatus.Missed)
            : session.Status is not SessionStatus.Running || StageIndex != session.StageIndex;
    }
}
