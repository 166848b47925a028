namespace ConvenerBot.Core.Groups;

/// <summary>One chat where the bot convenes.</summary>
/// <param name="Active">False after the platform refused the bot in this chat (e.g. it was removed).</param>
public sealed record Group(long Id, string Platform, string ExternalId, string Title, string TimeZone, DateTimeOffset CreatedAt, bool Active = true)
{
    /// <summary>The language its messages are written in, a language of the message catalog.</summary>
    public string Language { get; init; } = Text.MessageCatalog.DefaultLanguage;

    /// <summary>How the group wants its sessions run (see <see cref="GroupSettings"/>).</summary>
    public GroupSettings Settings { get; init; } = GroupSettings.Default;
}
