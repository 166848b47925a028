namespace ConvenerBot.Core.Sessions;

public enum ContributionKind
{
    ClarifyingQuestion,
    OpenQuestion,
    Idea,
    NextStep,
    Learning,
}
