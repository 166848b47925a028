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
        return Reply.Text(context.Say("reply.timezone.saved", ("zone", zone.Id)));
    }
}
