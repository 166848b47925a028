using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;

namespace ConvenerBot.Core.Sessions;

/// <summary>
/// Sets the group's reminder times (organizers). The reminders of its scheduled sessions are rewritten in
/// the same transaction: removed, and added again at the new times where still ahead.
/// </summary>
public sealed class SetRemindersHandler : ICommandHandler<SetRemindersCommand>
{
    public async Task<Reply> HandleAsync(SetRemindersCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        context.Require(Role.Organizer, Text.Phrase.Of("action.reminders.change"));
        var times = ReminderTimes.Parse(command.Times);
        await context.Store.Reminders.SetTimesAsync(context.Group.Id, times, context.Now, cancellationToken);
        await SessionReminders.RescheduleGroupAsync(context.Store, context.Group.Id, context.Now, cancellationToken);
        return Reply.Text(times.Count == 0
            ? context.Say("reply.reminders.saved.none")
            : context.Say("reply.reminders.saved", ("times", ShowRemindersHandler.Describe(times, context.Language)), ("code", ReminderTimes.Code(times))));
    }
}
