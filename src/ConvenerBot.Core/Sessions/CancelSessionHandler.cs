using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;

namespace ConvenerBot.Core.Sessions;

public sealed class CancelSessionHandler : ICommandHandler<CancelSessionCommand>
{
    public async Task<Reply> HandleAsync(CancelSessionCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        context.Require(Role.Facilitator, Text.Phrase.Of("action.sessions.cancel"));
        var session = await context.RequireSessionAsync(command.Number, forUpdate: true, cancellationToken);
        session.Cancel();
        await context.Store.Sessions.SaveAsync(session, cancellationToken);
        await SessionReminders.RemoveAsync(context.Store, session, cancellationToken);
        await SessionStarts.RemoveAsync(context.Store, session, cancellationToken);
        if (session.CaseId is { } caseId)
        {
            var others = await context.Store.Sessions.ListScheduledForCaseAsync(caseId, cancellationToken);
            var theCase = await context.RequireCaseByIdAsync(caseId, cancellationToken);
            if (others.Count == 0 && theCase.Status is CaseStatus.Scheduled)
            {
                await context.Store.Cases.SetStatusAsync(caseId, CaseStatus.Open, cancellationToken);
            }
        }

        return Reply.Text(context.Say("reply.session.cancelled", ("number", session.Number)));
    }
}
