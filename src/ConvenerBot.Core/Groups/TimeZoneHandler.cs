using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Scheduling;

namespace ConvenerBot.Core.Groups;

public sealed class TimeZoneHandler : ICommandHandler<TimeZoneCommand>
{
    public async Task<Reply> HandleAsync(TimeZoneCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (command.Zone is null)
        {
            return Reply.Text(context.Say("reply.timezone.show", ("zone", context.Group.TimeZone)));
        }

        context.Require(Role.Organizer, Text.Phrase.Of("action.timezone.change"));
        var zone = GroupClock.FindZone(command.Zone)
            ?? throw new ConvenerRuleException("rule.timezone.unknown", ("zone", Text.UserText.Shorten(command.Zone, 40)));
        await context.Store.Groups.SetTimeZoneAsync(context.Group.Id, zone.Id, cancellationToken);
        var saved = context.Say("reply.timezone.saved", ("zone", zone.Id));
        var upcoming = (await context.Store.Sessions.ListUpcomingAsync(context.Group.Id, cancellationToken))
            .Where(s => s.Status is Sessions.SessionStatus.Scheduled)
            .OrderBy(s => s.ScheduledAt)
            .ToList();
        if (upcoming.Count == 0 || zone.Id == context.Group.TimeZone)
        {
            return Reply.Text(saved);
        }

        // Sessions keep their moment: the same instant reads differently in the new zone, and members should see how.
        var lines = new List<string> { saved, context.Say("reply.timezone.sessions-keep", ("zone", zone.Id)) };
        lines.AddRange(upcoming.Take(ListedSessions).Select(s => context.Say(
            "reply.timezone.session-line",
            ("number", s.Number),
            ("when", GroupClock.Format(s.ScheduledAt, zone.Id)),
            ("before", GroupClock.Format(s.ScheduledAt, context.Group.TimeZone)))));
        if (upcoming.Count > ListedSessions)
        {
            lines.Add(context.Say("reply.timezone.more-sessions", ("count", upcoming.Count - ListedSessions)));
        }

        return Reply.Text(string.Join('\n', lines));
    }

    /// <summary>How many upcoming sessions the answer to a new time zone lists.</summary>
    private const int ListedSessions = 10;
}
