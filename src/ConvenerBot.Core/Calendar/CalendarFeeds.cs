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
        var events = sessions.Select(s => new CalendarEvent(
            Uid(group.Id, s.Number),
            s.Revision,
            s.ScheduledAt,
            s.ScheduledAt + Length(s.ProtocolKey),
            MessageCatalog.Default.Render(group.Language, "calendar.event.summary", ("group", group.Title), ("number", s.Number)),
            s.Status == SessionStatus.Cancelled)).ToList();
        return new CalendarFeed(group.Title, group.TimeZone, events);
    }

    public static string Uid(long groupId, int number) => $"session-{groupId}-{number}@convenerbot";

    /// <summary>How long a session is planned to take: its protocol's stages, or an hour for a protocol no longer loaded.</summary>
    private TimeSpan Length(string protocolKey) =>
        protocols.Find(protocolKey) is { } protocol && protocol.Stages.Sum(s => s.Minutes) is > 0 and var minutes
            ? TimeSpan.FromMinutes(minutes)
            : TimeSpan.FromHours(1);
}
