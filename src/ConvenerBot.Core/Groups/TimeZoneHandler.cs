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
            return Reply.Text($"This group's time zone is {context.Group.TimeZone}. An organizer changes it with /timezone ZONE, e.g. /timezone Europe/Oslo.");
        }

        context.Require(Role.Organizer, "change the group's time zone");
        var zone = GroupClock.FindZone(command.Zone)
            ?? throw new ConvenerRuleException($"'{Text.UserText.Shorten(command.Zone, 40)}' is not a time zone I know. Use an IANA name such as Europe/Oslo, America/Bogota or Africa/Nairobi.");
        await context.Store.Groups.SetTimeZoneAsync(context.Group.Id, zone.Id, cancellationToken);
        return Reply.Text($"Saved: times in this group are now read and shown in {zone.Id}.");
    }
}
