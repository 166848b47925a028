using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Storage.Repositories;

/// <summary>
/// The words statuses are stored as, in one place. SQL takes them as parameters (<c>status = @Running</c>),
/// never as literals, and rows are read back through them: a new status is added here, and to the CHECK
/// constraints by a migration. Answers to sessions (<c>going</c>, <c>maybe</c>, …) are kept the same way.
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

    public static class Series
    {
        public const string Active = "active";
        public const string Paused = "paused";
        public const string Ended = "ended";

        public static string Of(Core.Series.SeriesStatus status) => status switch
        {
            Core.Series.SeriesStatus.Active => Active,
            Core.Series.SeriesStatus.Paused => Paused,
            Core.Series.SeriesStatus.Ended => Ended,
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A series status with no stored word."),
        };

        public static Core.Series.SeriesStatus Parse(string name) => name switch
        {
            Active => Core.Series.SeriesStatus.Active,
            Paused => Core.Series.SeriesStatus.Paused,
            Ended => Core.Series.SeriesStatus.Ended,
            _ => throw new InvalidDataException($"Unknown stored series status '{name}'."),
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

    public static class Rsvp
    {
        public const string Going = "going";
        public const string Maybe = "maybe";
        public const string No = "no";
        public const string Case = "case";

        public static string Of(RsvpAnswer answer) => answer switch
        {
            RsvpAnswer.Going => Going,
            RsvpAnswer.Maybe => Maybe,
            RsvpAnswer.No => No,
            RsvpAnswer.Case => Case,
            _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, "An answer with no stored word."),
        };

        public static RsvpAnswer Parse(string name) => name switch
        {
            Going => RsvpAnswer.Going,
            Maybe => RsvpAnswer.Maybe,
            No => RsvpAnswer.No,
            Case => RsvpAnswer.Case,
            _ => throw new InvalidDataException($"Unknown stored answer '{name}'."),
        };
    }
}
