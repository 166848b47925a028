namespace ConvenerBot.Core.Conversations;

/// <summary>One message from a member, translated by an adapter into platform-neutral terms.</summary>
/// <param name="Conversation">The chat the message came from.</param>
/// <param name="ConversationTitle">The chat's name as the platform shows it.</param>
/// <param name="Member">Who wrote it.</param>
/// <param name="DisplayName">The member's name as the platform shows it.</param>
/// <param name="IsPlatformAdmin">True when the platform says this person administers the chat; they are organizers.</param>
/// <param name="Text">The message text, e.g. <c>/case open Funding gap</c>.</param>
public sealed record Inbound(
    ConversationRef Conversation,
    string ConversationTitle,
    MemberRef Member,
    string DisplayName,
    bool IsPlatformAdmin,
    string Text)
{
    /// <summary>
    /// The platform's id of this delivery (e.g. a Telegram update id). When set, the engine records it in
    /// the same transaction as the command's effect, and a redelivery is recognised and does nothing.
    /// </summary>
    public string? DeliveryId { get; init; }

    /// <summary>The platform's id of this message, which an answer posted later quotes where the platform can.</summary>
    public string? MessageId { get; init; }

    /// <summary>The session's space within the conversation the message came from (a forum topic, a thread), if any.</summary>
    public string? Space { get; init; }

    /// <summary>
    /// How long the adapter may take to deliver the answer itself; the answer waits that long in the outbox
    /// before it is posted from there (see <see cref="Reply.Ticket"/>). Null takes the engine's default.
    /// </summary>
    public TimeSpan? AnswerWithin { get; init; }

    /// <summary>
    /// The platform's id of the bot's message this one replies to, if any. When that message is a recorded
    /// stage prompt (<see cref="IConvener.RecordPromptAsync"/>), plain text is a contribution to its stage;
    /// otherwise plain text is not for the bot and is left alone (<see cref="Reply.Ignored"/>).
    /// </summary>
    public string? RepliedToMessageId { get; init; }

    /// <summary>
    /// How this platform shows an instant so each reader sees their own time zone (e.g. a Discord
    /// timestamp); null shows times in the group's time zone.
    /// </summary>
    public Func<DateTimeOffset, string>? ShowTime { get; init; }

    /// <summary>A pressed stage button (Next, Back, End) and the stage whose prompt carried it.</summary>
    public StageButton? Button { get; init; }

    /// <summary>What kind of chat this is; it decides where rights come from (see <see cref="ConversationKind"/>).</summary>
    public ConversationKind Kind { get; init; }

    /// <summary>The sender's unique platform username (Telegram's @name, without the @), if they have one.</summary>
    public string? Handle { get; init; }

    /// <summary>The person this message points at (a reply to their message, a mention, a picked user), if any.</summary>
    public MemberMention? Mentioned { get; init; }

    /// <summary>
    /// A command the adapter built from typed fields (Discord's options, a submitted form). It is taken as
    /// it is, never turned back into text and parsed again, so a <c>|</c> in a title stays in the title.
    /// </summary>
    public Commands.ICommand? Command { get; init; }
}
