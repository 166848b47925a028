using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Sessions;

/// <summary>The group's reminder times, and whether the member asking gets theirs privately.</summary>
public sealed class ShowRemindersHandler : ICommandHandler<ShowRemindersCommand>
{
    public async Task<Reply> HandleAsync(ShowRemindersCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var times = await SessionReminders.TimesAsync(context.Store, context.Group.Id, cancellationToken);
        if (times.Count == 0)
        {
            return Reply.Text(context.Say("reply.reminders.show.none"));
        }

        var text = context.Say("reply.reminders.show", ("times", Describe(times, context.Language)), ("code", ReminderTimes.Code(times)));
        var privateAt = ReminderTimes.Describe(ReminderTimes.Private(times)!.Value);
        text += "\n" + (await context.Store.Reminders.IsPrivateOffAsync(context.Member.Id, cancellationToken)
            ? context.Say("reply.reminders.private.off", ("before", privateAt))
            : context.Say("reply.reminders.private.on", ("before", privateAt)));
        return Reply.Text(text);
    }

    /// <summary>Reminder times as they are said: "7 days, 1 day and 1 hour".</summary>
    public static WordList Describe(IReadOnlyList<int> times, string language) =>
        WordList.And([.. times.Select(m => MessageCatalog.Default.Render(language, ReminderTimes.Describe(m)))]);
}
