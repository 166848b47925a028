using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Groups;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Summaries;

/// <summary>Everything a summary shows, read in one place so renderers (Markdown now, CSV/JSON later) agree.</summary>
public sealed record SessionSummary(
    Group Group,
    Session Session,
    Protocol Protocol,
    Case? Case,
    string? FacilitatorName,
    IReadOnlyList<Attendee> Attendees,
    IReadOnlyList<Contribution> Contributions,
    Func<DateTimeOffset, string> ShowTime);
