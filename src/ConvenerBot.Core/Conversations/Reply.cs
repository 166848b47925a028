namespace ConvenerBot.Core.Conversations;

/// <summary>What the bot says back: one or more messages, rendered by the adapter.</summary>
public sealed record Reply(IReadOnlyList<OutboundMessage> Messages)
{
    /// <summary>True when the command was refused and changed nothing; the messages say why.</summary>
    public bool Refused { get; init; }

    /// <summary>True when this delivery was already handled before; nothing was done and nothing is to be said.</summary>
    public bool AlreadyHandled { get; init; }

    public static Reply Text(string text) => new([new OutboundMessage(text)]);

    public static Reply Of(params OutboundMessage[] messages) => new(messages);

    public static Reply Refusal(string text) => new([new OutboundMessage(text)]) { Refused = true };

    public static Reply Duplicate { get; } = new([]) { AlreadyHandled = true };
}
