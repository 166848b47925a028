using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Testing;

/// <summary>Passes everything to the real engine; a test double overrides only what it changes.</summary>
public abstract class ForwardingConvener(IConvener inner) : IConvener
{
    public virtual Task<Reply> HandleAsync(Inbound inbound, CancellationToken cancellationToken) => inner.HandleAsync(inbound, cancellationToken);

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(ConversationRef conversation, SuggestionKind kind, string typed, int limit, CancellationToken cancellationToken) =>
        inner.SuggestAsync(conversation, kind, typed, limit, cancellationToken);

    public Task SetConversationActiveAsync(ConversationRef conversation, bool active, CancellationToken cancellationToken) =>
        inner.SetConversationActiveAsync(conversation, active, cancellationToken);

    public Task<bool> MoveConversationAsync(ConversationRef from, ConversationRef to, CancellationToken cancellationToken) =>
        inner.MoveConversationAsync(from, to, cancellationToken);

    public Task RecordPromptAsync(ConversationRef conversation, string messageId, StageRef stage, CancellationToken cancellationToken) =>
        inner.RecordPromptAsync(conversation, messageId, stage, cancellationToken);

    public virtual Task SettleAsync(Reply reply, IReadOnlyCollection<OutboundMessage> undelivered, CancellationToken cancellationToken) =>
        inner.SettleAsync(reply, undelivered, cancellationToken);

    public Task RecordButtonsAsync(ConversationRef conversation, string messageId, string? space, OutboundMessage message, CancellationToken cancellationToken) =>
        inner.RecordButtonsAsync(conversation, messageId, space, message, cancellationToken);

    public Task RecordSpaceAsync(ConversationRef conversation, int sessionNumber, string space, CancellationToken cancellationToken) =>
        inner.RecordSpaceAsync(conversation, sessionNumber, space, cancellationToken);

    public Task<bool> RecordDeliveryAsync(Inbound inbound, CancellationToken cancellationToken) => inner.RecordDeliveryAsync(inbound, cancellationToken);
}
