namespace ConvenerBot.Core.Conversations;

/// <summary>One message for an <see cref="IConversationGateway"/> to post, and where.</summary>
/// <param name="Conversation">The conversation (a group chat, a channel) the message belongs to.</param>
/// <param name="Message">What to post.</param>
public sealed record ConversationPost(ConversationRef Conversation, OutboundMessage Message)
{
    /// <summary>
    /// The session's space within the conversation (a forum topic, a thread), as
    /// <see cref="PostResult.Delivered.Space"/> named it; null posts in the conversation itself.
    /// </summary>
    public string? Space { get; init; }

    /// <summary>
    /// Posts to this member's private chat with the bot instead of the conversation. Platforms let a bot
    /// write there only once the member allows it; otherwise the result is <see cref="PostResult.PrivateUnreachable"/>.
    /// </summary>
    public MemberRef? PrivatelyTo { get; init; }

    /// <summary>The platform's id of the message in the conversation this one answers; platforms that can, quote it.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>
    /// The language the message is written in (the <see cref="Reply.Language"/> it comes from); the
    /// platform writes its own labels around it (buttons, links) in this language too.
    /// </summary>
    public string Language { get; init; } = Text.MessageCatalog.DefaultLanguage;

    /// <summary>
    /// A key the same post keeps however often it is tried (e.g. from the outbox row it comes from); platforms
    /// that can drop a repeated post by such a key (Discord's nonce) do. Null: each try is new.
    /// </summary>
    public string? Nonce { get; init; }
}
