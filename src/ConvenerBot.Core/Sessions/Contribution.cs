namespace ConvenerBot.Core.Sessions;

public sealed record Contribution(
    long Id,
    long SessionId,
    long MemberId,
    string MemberName,
    string StageKey,
    ContributionKind Kind,
    string Text,
    DateTimeOffset CreatedAt);
