using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Core.Sessions;

/// <summary>A member turns their private reminders off or on again; about themselves only, answered to them alone.</summary>
public sealed class PrivateRemindersHandler : ICommandHandler<PrivateRemindersCommand>
{
    public async Task<Reply> HandleAsync(PrivateRemindersCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        await context.Store.Reminders.SetPrivateOffAsync(context.Member.Id, !command.On, cancellationToken);
        var text = command.On ? context.Say("reply.reminders.private.saved.on") : context.Say("reply.reminders.private.saved.off");
        return Reply.Of(new OutboundMessage(text) { Purpose = MessagePurpose.Acknowledgement });
    }
}
