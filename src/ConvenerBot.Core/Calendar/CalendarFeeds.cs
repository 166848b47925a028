using System.Globalization;
using ConvenerBot.Core.Groups;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Scheduling;
using ConvenerBot.Core.Series;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Core.Text;
using NodaTime;

namespace ConvenerBot.Core.Calendar;

/// <summary>
/// Reads a group's calendar for its feed token: the sessions planned from <see cref="PastDays"/> days ago
/// on, cancelled ones included, and each series that has not ended as one recurring event (see
/// <see cref="SeriesEvents"/>). An event says only the group's title and the session's or series' number:
/// a case's title is the holder's own matter, and a feed address is easily passed on (calendar apps sync it
/// to their servers), so nothing of the case and no member's name is in it.
/// </summary>
public sealed class CalendarFeeds(IConvenerStore store, ProtocolCatalog protocols, ISeriesOccurrences occurrences, TimeProvider time)
{
    public const int PastDays = 30;

    /// <summary>The group's feed, or null when the token is malformed or names no group (the caller answers 404).</summary>
    public async Task<CalendarFeed?> ReadAsync(string? token, CancellationToken cancellationToken)
    {
        if (!CalendarTokens.IsWellFormed(token))
        {
            return null;
        }

        await using var tx = await store.BeginReadAsync(cancellationToken);
        var found = await tx.Calendars.FindByHashAsync(CalendarTokens.Hash(token!), cancellationToken);
        if (found is not { } feed || !CalendarTokens.SameToken(token!, feed.Token))
        {
            return null;
        }

        var group = await tx.Groups.FindByIdAsync(feed.GroupId, cancellationToken);
        if (group is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var series = await tx.Series.ListAsync(group.Id, cancellationToken);
        var ofSeries = (await tx.Calendars.ListSeriesSessionsAsync(group.Id, cancellationToken)).ToLookup(s => s.SeriesId);
        var events = new List<CalendarEvent>();
        foreach (var one in series)
        {
            events.AddRange(SeriesEvents(group, one, [.. ofSeries[one.Id]], protocols, occurrences, Instant.FromDateTimeOffset(now)));
        }

        // A series that has not ended stands for its sessions; an ended one's sessions are shown one by one.
        var shownBySeries = series.Select(s => s.Id).ToHashSet();
        var sessions = await tx.Calendars.ListSessionsAsync(group.Id, now.AddDays(-PastDays), cancellationToken);
        events.AddRange(sessions.Where(s => s.SeriesId is not { } id || !shownBySeries.Contains(id)).Select(s => Event(group, s, protocols)));
        return new CalendarFeed(group.Title, group.TimeZone, events);
    }

    /// <summary>One session as a calendar event (the feed's, and the file <c>/session ics</c> gives).</summary>
    public static CalendarEvent Event(Group group, CalendarSession session, ProtocolCatalog protocols)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(protocols);
        return new CalendarEvent(
            Uid(group.Id, session.Number),
            session.Revision,
            session.ScheduledAt,
            session.ScheduledAt + Length(protocols, session.ProtocolKey),
            MessageCatalog.Default.Render(group.Language, "calendar.event.summary", ("group", group.Title), ("number", session.Number)),
            session.Status == SessionStatus.Cancelled);
    }

    /// <summary>
    /// A series that has not ended, as one recurring event from its first occurrence, with its RRULE at its wall
    /// time in its zone, and the occurrences of that event that are no session left out (EXDATE): those whose
    /// session was cancelled (<c>/series skip</c>, <c>/session cancel</c>) and those that passed while no
    /// session was made for them (a pause). A session held at another time than its occurrence
    /// (<c>scheduled_at</c> is not <c>series_at</c>) follows as an event with the series' UID that replaces
    /// that occurrence (RECURRENCE-ID). Occurrences still ahead stay in the rule: an active series will make
    /// their sessions, and a paused one shows its plan until it ends. SEQUENCE is the sum of its sessions'
    /// revisions and the number of occurrences passed without a session, both of which only grow.
    /// </summary>
    public static IReadOnlyList<CalendarEvent> SeriesEvents(
        Group group, SessionSeries series, IReadOnlyList<CalendarSession> sessions, ProtocolCatalog protocols, ISeriesOccurrences occurrences, Instant now)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(protocols);
        ArgumentNullException.ThrowIfNull(occurrences);
        if (SeriesRule.FromRRule(series.RRule, series.WallTime) is not { } rule)
        {
            return [];
        }

        var zone = GroupClock.FindZone(series.TimeZone) ?? DateTimeZone.Utc;
        var all = occurrences.After(rule, zone, series.FirstDay, Instant.MinValue);
        if (all.Take(1).ToList() is not [var first])
        {
            return [];
        }

        // The rule meets once a day at most, so a session is found by its occurrence's day in the series' zone.
        var byDay = sessions.Where(s => s.SeriesAt is not null).GroupBy(s => Day(s.SeriesAt!.Value, zone)).ToDictionary(g => g.Key, g => g.First());
        var excluded = new List<LocalDate>();
        var passedWithout = 0;
        foreach (var occurrence in all.TakeWhile(o => o.ToInstant() <= now))
        {
            if (!byDay.ContainsKey(occurrence.Date))
            {
                excluded.Add(occurrence.Date);
                passedWithout++;
            }
        }

        excluded.AddRange(byDay.Where(d => d.Value.Status == SessionStatus.Cancelled).Select(d => d.Key));
        var sequence = sessions.Sum(s => s.Revision) + passedWithout;
        var length = Length(protocols, series.ProtocolKey);
        var uid = SeriesUid(group.Id, series.Number);
        var at = (LocalDate day) => new CalendarWallTime(day.At(rule.Time), series.TimeZone);
        var start = first.ToDateTimeOffset().ToUniversalTime();
        var events = new List<CalendarEvent>
        {
            new(uid, sequence, start, start + length,
                MessageCatalog.Default.Render(group.Language, "calendar.series.summary", ("group", group.Title), ("number", series.Number)),
                Cancelled: false)
            {
                Recurrence = new CalendarRecurrence(at(first.Date), Rule(rule, zone), [.. excluded.Distinct().Order().Select(at)]),
            },
        };
        foreach (var (day, session) in byDay.OrderBy(d => d.Key))
        {
            if (session.Status != SessionStatus.Cancelled && session.ScheduledAt != session.SeriesAt)
            {
                events.Add(Event(group, session, protocols) with { Uid = uid, Sequence = sequence, Replaces = at(day) });
            }
        }

        return events;
    }

    public static string Uid(long groupId, int number) => $"session-{groupId}-{number}@convenerbot";

    public static string SeriesUid(long groupId, int number) => $"series-{groupId}-{number}@convenerbot";

    /// <summary>
    /// The stored RRULE as an event's: a last day (<c>UNTIL</c> as a date, read in the series' zone) becomes the
    /// UTC end of that day, since RFC 5545 wants <c>UNTIL</c> in UTC beside a <c>DTSTART</c> with a TZID.
    /// </summary>
    private static string Rule(SeriesRule rule, DateTimeZone zone)
    {
        if (rule.Until is not { } until)
        {
            return rule.ToRRule();
        }

        var end = zone.AtStartOfDay(until.PlusDays(1)).ToInstant() - Duration.FromSeconds(1);
        return (rule with { Until = null }).ToRRule() + ";UNTIL=" + end.ToDateTimeUtc().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
    }

    private static LocalDate Day(DateTimeOffset at, DateTimeZone zone) => Instant.FromDateTimeOffset(at).InZone(zone).Date;

    /// <summary>How long a session is planned to take: its protocol's stages, or an hour for a protocol no longer loaded.</summary>
    internal static TimeSpan Length(ProtocolCatalog protocols, string protocolKey) =>
        protocols.Find(protocolKey) is { } protocol && protocol.Stages.Sum(s => s.Minutes) is > 0 and var minutes
            ? TimeSpan.FromMinutes(minutes)
            : TimeSpan.FromHours(1);
}
