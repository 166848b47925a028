namespace ConvenerBot.Core.Calendar;

/// <summary>
/// One event in a calendar: a session, a series (with <see cref="Recurrence"/>), or one occurrence of a series
/// held at another time (with <see cref="Replaces"/>, sharing the series' UID). Holds no member names and nothing of the case.
/// </summary>
/// <param name="Uid">Stable: <c>session-{group id}-{number}@convenerbot</c>, or <c>series-{group id}-{number}@convenerbot</c>.</param>
/// <param name="Sequence">Grows each time the event changes, so calendars replace their copy.</param>
/// <param name="Start">When it starts; for a series, its first occurrence.</param>
/// <param name="End">When it ends; for a series, the first occurrence's end (each occurrence is as long).</param>
/// <param name="Cancelled">Written as STATUS:CANCELLED; other events are CONFIRMED.</param>
public sealed record CalendarEvent(string Uid, int Sequence, DateTimeOffset Start, DateTimeOffset End, string Summary, bool Cancelled)
{
    /// <summary>For a series: how the event repeats, from its first start at its wall time in its zone. Null for one event.</summary>
    public CalendarRecurrence? Recurrence { get; init; }

    /// <summary>For a series' occurrence held at another time: the occurrence it stands for (its RECURRENCE-ID).</summary>
    public CalendarWallTime? Replaces { get; init; }
}
