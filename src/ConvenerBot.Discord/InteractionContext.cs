namespace ConvenerBot.Discord;

/// <summary>What the responder keeps of an interaction once its JSON is gone: where it came from and how to answer it.</summary>
/// <param name="ChannelId">The channel (or thread, or direct-message channel) it was used in.</param>
/// <param name="GroupId">The group's channel: a session thread belongs to its parent channel's group.</param>
/// <param name="IsPrivateChat">A direct message with the bot, not a group.</param>
internal sealed record InteractionContext(string Id, string Token, int Type, string ChannelId, bool InThread, string GroupId, bool IsPrivateChat)
{
    /// <summary>An interaction's token lives 15 minutes; a webhook call begun later than this after its arrival is pointless.</summary>
    public static readonly TimeSpan TokenUsableFor = TimeSpan.FromMinutes(14);

    /// <summary>
    /// When the token stops being usable, measured from the request's arrival: everything done for the
    /// interaction (store retries, webhook retries, one after another) shares this one deadline.
    /// </summary>
    public DateTimeOffset Expires { get; init; } = DateTimeOffset.MaxValue;
}
