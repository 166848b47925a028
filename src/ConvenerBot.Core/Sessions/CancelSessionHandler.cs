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
        await CancelAsync(context.Store, session, context.Now, cancellationToken);
        return Reply.Text(context.Say("reply.session.cancelled", ("number", session.Number)));
    }

    /// <summary>
    /// Cancels a session (locked for update) in the open transaction: its reminders and start work go, and its case
    /// is open again when no other session is scheduled for it. Also how a series ends or skips its sessions.
    /// </summary>
    public static async Task CancelAsync(Persistence.IStoreTransaction store, Session session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(session);
        session.Cancel();
        await store.Sessions.SaveAsync(session, cancellationToken);
        await SessionReminders.RemoveAsync(store, session, cancellationToken);
        await SessionStarts.RemoveAsync(store, session, cancellationToken);
        await SessionMirror.WriteAsync(store, session, now, cancellationToken);
        await StageButtons.RetireAsync(store, session, now, cancellationToken);
        if (session.CaseId is { } caseId)
        {
            var others = await store.Sessions.ListScheduledForCaseAsync(caseId, cancellationToken);
            var theCase = await store.Cases.FindByIdAsync(session.GroupId, caseId, cancellationToken)
                ?? throw new InvalidOperationException($"Case row {caseId} of group {session.GroupId} is missing.");
            if (others.Count == 0 && theCase.Status is CaseStatus.Scheduled)
            {
                await store.Cases.SetStatusAsync(caseId, CaseStatus.Open, cancellationToken);
            }
        }
    }
}
