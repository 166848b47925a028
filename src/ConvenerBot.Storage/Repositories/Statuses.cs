using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Storage.Repositories;

/// <summary>
/// The words statuses are stored as, in one place. SQL takes them as parameters (<c>status = @Running</c>),
/// never as literals, and rows are read back through them: a new status is added here, and to the CHECK
/// constraints by a migration.
/// </summary>
internal static class Statuses
{
    public static class Case
    {
        public const string Open = "open";
        public const string Scheduled = "scheduled";
        public const string Discussed = "discussed";
        public const string Withdrawn = "withdrawn";

        public static string Of(CaseStatus status) => status switch
        {
            CaseStatus.Open => Open,
            CaseStatus.Scheduled => Scheduled,
            CaseStatus.Discussed => Discussed,
            CaseStatus.Withdrawn => Withdrawn,
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A case status with no stored word."),
        };

        public static CaseStatus Parse(string name) => name switch
        {
            Open => CaseStatus.Open,
            Scheduled => CaseStatus.Scheduled,
            Discussed => CaseStatus.Discussed,
            Withdrawn => CaseStatus.Withdrawn,
            _ => throw new InvalidDataException($"Unknown stored case status '{name}'."),
        };
    }

    public static class Session
    {
        public const string Scheduled = "scheduled";
        public const string Running = "running";
        public const string Ended = "ended";
        public const string Cancelled = "cancelled";
        public const string Missed = "missed";

        public static string Of(SessionStatus status) => status switch
        {
            SessionStatus.Scheduled => Scheduled,
            SessionStatus.Running => Running,
            SessionStatus.Ended => Ended,
            SessionStatus.Cancelled => Cancelled,
            SessionStatus.Missed => Missed,
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A session status with no stored word."),
        };

        public static SessionStatus Parse(string name) => name switch
        {
            Scheduled => SessionStatus.Scheduled,
            Running => SessionStatus.Running,
            Ended => SessionStatus.Ended,
            Cancelled => SessionStatus.Cancelled,
            Missed => SessionStatus.Missed,
            _ => throw new InvalidDataException($"Unknown stored session status '{name}'."),
        };
    }
}
