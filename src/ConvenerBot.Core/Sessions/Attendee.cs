namespace ConvenerBot.Core.Sessions;

public sealed record Attendee(long MemberId, string DisplayName, DateTimeOffset FirstSeenAt);
