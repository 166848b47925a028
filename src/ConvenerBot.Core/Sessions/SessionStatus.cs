namespace ConvenerBot.Core.Sessions;

public enum SessionStatus
{
    Scheduled,
    Running,
    Ended,
    Cancelled,

    /// <summary>Scheduled, but nobody started it within its group's grace period; a facilitator may still start it.</summary>
    Missed,
}
