namespace ConvenerBot.Core.Groups;

/// <summary>One chat where the bot convenes.</summary>
/// <param name="Active">False after the platform refused the bot in this chat (e.g. it was removed).</param>
public sealed record Group(long Id, string Platform, string ExternalId, string Title, string TimeZone, DateTimeOffset CreatedAt, bool Active = true);
