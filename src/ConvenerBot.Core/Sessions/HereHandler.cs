using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Core.Sessions;

public sealed class HereHandler : ICommandHandler<HereCommand>
{
    public async Task<Reply> HandleAsync(HereCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var session = await context.RequireRunningSessionAsync(cancellationToken);
        await context.Store.Sessions.MarkAttendedAsync(session.Id, context.Member.Id, context.Now, cancellationToken);
        return Reply.Text(context.Say("reply.here", ("name", context.Member.DisplayName), ("number", session.Number)));
    }
}
