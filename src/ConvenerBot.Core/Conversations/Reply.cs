namespace ConvenerBot.Core.Conversations;

/// <summary>What the bot says back: one or more messages, rendered by the adapter.</summary>
public sealed record Reply(IReadOnlyList<OutboundMessage> Messages)
{
    public static Reply Text(string text) => new([new OutboundMessage(text)]);

    public static Reply Of(params OutboundMessage[] messages) => new(messages);
}
