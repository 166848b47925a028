namespace ConvenerBot.Core.Cases;

/// <summary>A real challenge brought by its holder. <see cref="Number"/> is the id members see, per group.</summary>
public sealed record Case(
    long Id,
    long GroupId,
    int Number,
    long HolderId,
    string HolderName,
    string Title,
    string? Description,
    CaseStatus Status,
    DateTimeOffset OpenedAt);
