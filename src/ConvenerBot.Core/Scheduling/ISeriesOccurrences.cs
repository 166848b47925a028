using NodaTime;

namespace ConvenerBot.Core.Scheduling;

/// <summary>
/// Expands a series' rule into the instants of its sessions. The one implementation
/// (<see cref="SeriesOccurrences"/>) uses NodaTime's calendar operations only, so Core keeps to its allowed
/// references; another expander (an iCalendar library in Storage or the host) can stand in behind this port.
/// </summary>
public interface ISeriesOccurrences
{
    /// <summary>
    /// The sessions of <paramref name="rule"/> in <paramref name="zone"/>, counted from its first day
    /// <paramref name="first"/> (RFC 5545's <c>DTSTART</c>, which <c>COUNT</c> counts from), soonest first,
    /// only those after <paramref name="after"/>. Ends with the rule's count or last day; otherwise the caller
    /// takes as many as it needs.
    /// </summary>
    IEnumerable<ZonedDateTime> After(SeriesRule rule, DateTimeZone zone, LocalDate first, Instant after);

    /// <summary>The first day the rule meets on whose session lies after <paramref name="now"/>.</summary>
    LocalDate FirstDay(SeriesRule rule, DateTimeZone zone, Instant now);
}
