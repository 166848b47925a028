namespace ConvenerBot.Core.Groups;

/// <summary>One chat where the bot convenes.</summary>
public sealed record Group(long Id, string Platform, string ExternalId, string Title, string TimeZone, DateTimeOffset CreatedAt);
