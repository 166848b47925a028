using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;

namespace ConvenerBot.Core.Cases;

public sealed class WithdrawCaseHandler : ICommandHandler<WithdrawCaseCommand>
{
    public async Task<Reply> HandleAsync(WithdrawCaseCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var c = await context.RequireCaseAsync(command.Number, cancellationToken);
        if (c.HolderId != context.Member.Id && context.Role < Role.Organizer)
        {
            throw new ConvenerRuleException($"Only the holder ({c.HolderName}) or an organizer can withdraw case {c.Number}.");
        }

        if (c.Status is CaseStatus.Withdrawn)
        {
            throw new ConvenerRuleException($"Case {c.Number} is already withdrawn.");
        }

        var running = await context.Store.Sessions.FindRunningAsync(context.Group.Id, forUpdate: true, cancellationToken);
        if (running?.CaseId == c.Id)
        {
            throw new ConvenerRuleException($"Case {c.Number} is being discussed in session {running.Number} right now. End the session first.");
        }

        var detached = new List<int>();
        foreach (var session in await context.Store.Sessions.ListScheduledForCaseAsync(c.Id, cancellationToken))
        {
            session.DetachCase();
            await context.Store.Sessions.SaveAsync(session, cancellationToken);
            detached.Add(session.Number);
        }

        await context.Store.Cases.SetStatusAsync(c.Id, CaseStatus.Withdrawn, cancellationToken);
        var note = detached.Count == 0
            ? ""
            : $" Session {string.Join(", ", detached)} stays on the calendar without a case; start it with /session start ID case CASE, or cancel it.";
        return Reply.Text($"Case {c.Number} is withdrawn.{note}");
    }
}
