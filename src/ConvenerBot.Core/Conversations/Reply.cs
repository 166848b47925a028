namespace ConvenerBot.Core.Conversations;

/// <summary>What the bot says back: one or more messages, rendered by the adapter.</summary>
public sealed record Reply(IReadOnlyList<OutboundMessage> Messages)
{
    /// <summary>True when the command was refused and changed nothing; the messages say why.</summary>
    public bool Refused { get; init; }

    /// <summary>True when this delivery was already handled before; nothing was done and nothing is to be said.</summary>
    public bool AlreadyHandled { get; init; }

    /// <summary>
    /// True when the message was not for the bot (plain text in reply to a message of the bot that is no
    /// stage prompt): nothing was done or recorded, and nothing is to be said.
    /// </summary>
    public bool Ignored { get; init; }

    /// <summary>
    /// True when the store could not be reached: nothing was saved and the command was not judged. The
    /// message is not lost by the engine; the adapter keeps it and hands it in again (in order, per chat)
    /// once the store is back, and tells the member once with the text given here.
    /// </summary>
    public bool StoreUnavailable { get; init; }

    /// <summary>
    /// True on a refusal because the button pressed or the prompt replied to belongs to a stage that is no
    /// longer current: adapters may take the stale buttons away.
    /// </summary>
    public bool StaleStage { get; init; }

    /// <summary>The language the messages are written in; adapters write their own labels (buttons, notices) in it.</summary>
    public string Language { get; init; } = ConvenerBot.Core.Text.MessageCatalog.DefaultLanguage;

    /// <summary>True when the answer is meant only for the member who asked (see <see cref="Commands.CommandVisibility"/>).</summary>
    public bool Private { get; init; }

    /// <summary>
    /// Set when the answer was written to the <see cref="Outbox"/> with the command and is held for the adapter
    /// to deliver: the adapter settles it when done (<see cref="IConvener.SettleAsync"/>); what it does not
    /// settle in time is posted from the outbox.
    /// </summary>
    public OutboxTicket? Ticket { get; init; }

    /// <summary>
    /// Set by <c>/role</c> when the member it names now holds the role asked for (just given, or theirs
    /// already): that member, however they were named (a reply, a mention with an id, an @username looked
    /// up in the group). Adapters may show them the commands of their role (Telegram's per-member menu).
    /// </summary>
    public MemberRef? RoleHolder { get; init; }

    public static Reply Text(string text) => new([new OutboundMessage(text)]);

    public static Reply Of(params OutboundMessage[] messages) => new(messages);

    public static Reply Refusal(string text) => new([new OutboundMessage(text)]) { Refused = true, Private = true };

    public static Reply Duplicate { get; } = new([]) { AlreadyHandled = true };

    public static Reply Chatter { get; } = new([]) { Ignored = true };

    public static Reply Unavailable { get; } = new([new OutboundMessage(
        ConvenerBot.Core.Text.MessageCatalog.Default.Render(ConvenerBot.Core.Text.MessageCatalog.DefaultLanguage, "reply.store-unavailable"))])
    {
        StoreUnavailable = true,
        Private = true,
    };
}
