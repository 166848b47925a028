using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Protocols;

/// <summary>One kind of contribution a stage collects, and from whom.</summary>
public sealed record Collect(ContributionKind Kind, Contributors From);
