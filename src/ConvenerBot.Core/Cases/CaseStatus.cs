namespace ConvenerBot.Core.Cases;

public enum CaseStatus
{
    Open,
    Scheduled,
    Discussed,
    Withdrawn,
}
