namespace ConvenerBot.Core.Conversations;

/// <summary>
/// What the platform said to a post (see <see cref="IConversationGateway"/>). Refusals are results, not
/// exceptions; the caller decides what follows. When a long message fails after some of its parts were
/// posted, those parts stay posted.
/// </summary>
public abstract record PostResult
{
    private PostResult()
    {
    }

    /// <summary>
    /// The platform moved the conversation to a new id while the post was on its way (a Telegram group
    /// upgraded to a supergroup) and the post followed it there. The group's record still has the old id:
    /// the caller moves it (<see cref="IConvener.MoveConversationAsync"/>).
    /// </summary>
    public ConversationRef? MovedTo { get; init; }

    /// <summary>Posted.</summary>
    /// <param name="MessageIds">The platform's ids of the message's parts, in order; the last one carries the actions.</param>
    /// <param name="Space">
    /// The session's space the message went into: the one asked for, or the one the message opened; null for
    /// the conversation itself.
    /// </param>
    public sealed record Delivered(IReadOnlyList<string> MessageIds, string? Space) : PostResult;

    /// <summary>
    /// The platform refuses the bot in this conversation: it was removed or blocked, the chat no longer
    /// exists, or it may not post there. Trying again will not help.
    /// </summary>
    public sealed record ConversationGone(string Reason) : PostResult;

    /// <summary>
    /// The session's space the post was for (<see cref="ConversationPost.Space"/>: a deleted forum topic or
    /// thread) no longer takes posts; the conversation itself may. Nothing was posted.
    /// </summary>
    public sealed record SpaceGone(string Reason) : PostResult;

    /// <summary>The member cannot be written to privately: they never opened a private chat with the bot, or closed it.</summary>
    public sealed record PrivateUnreachable(string Reason) : PostResult;

    /// <summary>Not posted: the platform kept failing until the deadline, or refused this message (not the conversation).</summary>
    /// <param name="MaybePosted">
    /// True when the platform may have taken it after all (a timeout, an answer that could not be read), so
    /// posting it again could show it twice.
    /// </param>
    public sealed record NotDelivered(string Reason, bool MaybePosted = false) : PostResult;
}
