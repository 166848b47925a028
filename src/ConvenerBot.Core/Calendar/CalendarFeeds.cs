using ConvenerBot.Core.Groups;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Calendar;

/// <summary>
/// Reads a group's calendar for its feed token: the sessions planned from <see cref="PastDays"/> days ago
/// on, cancelled ones included. An event says only the group's title and the session's number: a case's
/// title is the holder's own matter, and a feed address is easily passed on (calendar apps sync it to
/// their servers), so nothing of the case and no member's name is in it.
/// </summary>
public sealed class CalendarFeeds(IConvenerStore store, ProtocolCatalog protocols, TimeProvider time)
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

        var sessions = await tx.Calendars.ListSessionsAsync(group.Id, time.GetUtcNow().AddDays(-PastDays), cancellationToken);
        // One-off sessions only for now; a recurring series will add one event with its RRULE/EXDATE here.
        return new CalendarFeed(group.Title, group.TimeZone, [.. sessions.Select(s => Event(group, s, protocols))]);
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

    public static string Uid(long groupId, int number) => $"session-{groupId}-{number}@convenerbot";

    /// <summary>How long a session is planned to take: its protocol's stages, or an hour for a protocol no longer loaded.</summary>
    internal static TimeSpan Length(ProtocolCatalog protocols, string protocolKey) =>
        protocols.Find(protocolKey) is { } protocol && protocol.Stages.Sum(s => s.Minutes) is > 0 and var minutes
            ? TimeSpan.FromMinutes(minutes)
            : TimeSpan.FromHours(1);
}
