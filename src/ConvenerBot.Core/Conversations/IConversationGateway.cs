namespace ConvenerBot.Core.Conversations;

/// <summary>
/// The way out to one platform: posts a message to a conversation, into a session's space within it, or
/// privately to one member, and says what the platform answered. Each adapter implements it once and posts
/// everything through it, its own replies included.
/// </summary>
/// <remarks>
/// A gateway never calls back into the engine and never throws for what the platform refuses: a refusal
/// is a <see cref="PostResult"/>, and the caller decides what follows (for instance marking a conversation
/// inactive with <see cref="IConvener.SetConversationActiveAsync"/> when it is gone, or moving it with
/// <see cref="IConvener.MoveConversationAsync"/> when <see cref="PostResult.MovedTo"/> says so).
/// </remarks>
public interface IConversationGateway
{
    /// <summary>The platform this gateway posts to, as in <see cref="ConversationRef.Platform"/>.</summary>
    string Platform { get; }

    /// <summary>
    /// True where members cannot see what others typed (Discord's slash commands), so contributions are shown
    /// to the group again (<see cref="MessagePurpose.Echo"/>); false where they can.
    /// </summary>
    bool PostsEchoes => false;

    /// <summary>
    /// Posts one message, split into parts where the platform's length limit requires (its actions under the
    /// last part). A message that opens a space (<see cref="OutboundMessage.OpensSpace"/>) opens one where the
    /// platform has them, and the result names it. What is worth retrying is retried until the platform's
    /// deadline. Throws only when cancelled (or for a fault of the bot itself).
    /// </summary>
    Task<PostResult> PostAsync(ConversationPost post, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the buttons off a message the bot posted (<paramref name="messageId"/>, as
    /// <see cref="PostResult.Delivered.MessageIds"/> named it, in <paramref name="space"/> or the conversation
    /// itself), keeping its text. Returns <see cref="PostResult.Delivered"/> once they are gone (taken off now,
    /// already, or with the message), <see cref="PostResult.ConversationGone"/> when the conversation refuses
    /// the bot, and <see cref="PostResult.NotDelivered"/> when trying again later may help. A platform
    /// without buttons has none to take off.
    /// </summary>
    Task<PostResult> ClearActionsAsync(ConversationRef conversation, string? space, string messageId, CancellationToken cancellationToken) =>
        Task.FromResult<PostResult>(new PostResult.Delivered([messageId], space));

    /// <summary>
    /// Shows a session as an event of the platform's own calendar (a Discord server's scheduled events), where
    /// it has one: makes the event when <paramref name="current"/> is null and the session is still ahead, or
    /// brings <paramref name="current"/> in step with the session's time and status. Each session is its own
    /// event; the platform's recurrence is never used. Returns the event to keep, or says why there is none.
    /// Platforms without a calendar do nothing.
    /// </summary>
    Task<EventResult> MirrorSessionAsync(ConversationRef conversation, SessionEvent session, MirroredEvent? current, CancellationToken cancellationToken) =>
        Task.FromResult<EventResult>(new EventResult.Unsupported());
}
