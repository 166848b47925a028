namespace ConvenerBot.Core.Sessions;

public enum SessionStatus
{
    Scheduled,
    Running,
    Ended,
    Cancelled,
}
