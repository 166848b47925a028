namespace ConvenerBot.Core.Commands;

/// <summary>The contribution commands members type; the stage decides which kind each becomes.</summary>
public enum ContributionVerb
{
    Ask,
    Idea,
    Step,
    Learn,
}
