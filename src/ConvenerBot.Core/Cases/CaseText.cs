namespace ConvenerBot.Core.Cases;

public static class CaseText
{
    public static string Describe(CaseStatus status) => status switch
    {
        CaseStatus.Open => "open",
        CaseStatus.Scheduled => "scheduled",
        CaseStatus.Discussed => "discussed",
        CaseStatus.Withdrawn => "withdrawn",
        _ => status.ToString(),
    };
}
