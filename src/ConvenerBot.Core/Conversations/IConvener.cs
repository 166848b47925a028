namespace ConvenerBot.Core.Conversations;

/// <summary>The engine: takes one inbound message and returns what to say, after committing any change.</summary>
/// <remarks>
/// Commands never fail because the store is unreachable: they answer <see cref="Reply.StoreUnavailable"/>.
/// The other methods throw <see cref="Persistence.StoreUnavailableException"/> then, having changed nothing.
/// </remarks>
public interface IConvener
{
    Task<Reply> HandleAsync(Inbound inbound, CancellationToken cancellationToken);

    /// <summary>
    /// Case or session numbers to offer while a member types one (autocomplete), best first, at most
    /// <paramref name="limit"/>; reads only. Unknown conversations have none.
    /// </summary>
    Task<IReadOnlyList<Suggestion>> SuggestAsync(ConversationRef conversation, SuggestionKind kind, string typed, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a conversation inactive when the platform refuses the bot (e.g. removed from the group), or
    /// active again. Any later message from the conversation makes it active again by itself.
    /// </summary>
    Task SetConversationActiveAsync(ConversationRef conversation, bool active, CancellationToken cancellationToken);

    /// <summary>
    /// The platform moved a chat to a new id (a Telegram group upgraded to a supergroup): the group, with
    /// its cases, sessions and roles, moves along. Repeating it is harmless. False when both ids already
    /// hold a record of their own, which is left as it is.
    /// </summary>
    Task<bool> MoveConversationAsync(ConversationRef from, ConversationRef to, CancellationToken cancellationToken);

    /// <summary>
    /// Records that a platform message (as the platform's gateway named it, see
    /// <see cref="PostResult.Delivered.MessageIds"/>) is the prompt of a stage, so that plain text in reply to
    /// it (<see cref="Inbound.RepliedToMessageId"/>) is a contribution to that stage. Whoever posted the
    /// prompt records it. A conversation or session the store does not know records nothing.
    /// </summary>
    Task RecordPromptAsync(ConversationRef conversation, string messageId, StageRef stage, CancellationToken cancellationToken);

    /// <summary>
    /// Records that a message the adapter posted in the conversation (the part that carries the buttons, as
    /// the platform named it; in <paramref name="space"/> or the conversation itself) has buttons about a
    /// session's stages, so they are taken off once the session moves on (<see cref="Sessions.StageButtons"/>),
    /// after a restart too. Buttons that no longer apply already are taken off at once. Messages without
    /// such buttons, and conversations or sessions the store does not know, record nothing.
    /// </summary>
    Task RecordButtonsAsync(ConversationRef conversation, string messageId, string? space, OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// The adapter is done delivering a reply that carries a <see cref="Reply.Ticket"/>: its outbox row is
    /// removed, and the messages named in <paramref name="undelivered"/> (the platform refused or gave up on
    /// them, by reference from <see cref="Reply.Messages"/>) are posted from the outbox instead. A reply
    /// without a ticket needs nothing.
    /// </summary>
    Task SettleAsync(Reply reply, IReadOnlyCollection<OutboundMessage> undelivered, CancellationToken cancellationToken);

    /// <summary>
    /// Records the space (a forum topic, a thread; see <see cref="PostResult.Delivered.Space"/>) that a session's
    /// start message opened (<see cref="OutboundMessage.SpaceSession"/>), so that what the bot later posts about
    /// the session on its own (stage prompts, timer notices) goes there, after a restart and on any instance.
    /// A conversation or session the store does not know records nothing.
    /// </summary>
    Task RecordSpaceAsync(ConversationRef conversation, int sessionNumber, string space, CancellationToken cancellationToken);

    /// <summary>
    /// Records the delivery id of a message the adapter answers on its own, without a command (a Telegram
    /// command sent in a photo's caption gets a hint), as a refused command's is recorded: a redelivery after
    /// a restart is then known. False when it was recorded before (it was answered then; nothing is to be said
    /// now); true when it is new or carries no <see cref="Inbound.DeliveryId"/>.
    /// </summary>
    Task<bool> RecordDeliveryAsync(Inbound inbound, CancellationToken cancellationToken);
}
