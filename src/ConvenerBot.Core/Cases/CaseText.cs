using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Cases;

public static class CaseText
{
    /// <summary>A case's status as it is said in a listing ("open", "withdrawn").</summary>
    public static Phrase Describe(CaseStatus status) => Phrase.Of(status switch
    {
        CaseStatus.Open => "status.case.open",
        CaseStatus.Scheduled => "status.case.scheduled",
        CaseStatus.Discussed => "status.case.discussed",
        CaseStatus.Withdrawn => "status.case.withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    });
}
