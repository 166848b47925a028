namespace ConvenerBot.Core.Conversations;

/// <summary>The engine: takes one inbound message and returns what to say, after committing any change.</summary>
public interface IConvener
{
    Task<Reply> HandleAsync(Inbound inbound, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a conversation inactive when the platform refuses the bot (e.g. removed from the group), or
    /// active again. Any later message from the conversation makes it active again by itself.
    /// </summary>
    /// <summary>
    /// Case or session numbers to offer while a member types one (autocomplete), best first, at most
    /// <paramref name="limit"/>; reads only. Unknown conversations have none.
    /// </summary>
    Task<IReadOnlyList<Suggestion>> SuggestAsync(ConversationRef conversation, SuggestionKind kind, string typed, int limit, CancellationToken cancellationToken);

    Task SetConversationActiveAsync(ConversationRef conversation, bool active, CancellationToken cancellationToken);
}
