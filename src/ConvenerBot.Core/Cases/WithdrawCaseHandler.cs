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
            throw new ConvenerRuleException("rule.case.withdraw.not-holder", ("holder", c.HolderName), ("number", c.Number));
        }

        if (c.Status is CaseStatus.Withdrawn)
        {
            throw new ConvenerRuleException("rule.case.withdraw.already", ("number", c.Number));
        }

        var running = await context.Store.Sessions.FindRunningAsync(context.Group.Id, forUpdate: true, cancellationToken);
        if (running?.CaseId == c.Id)
        {
            throw new ConvenerRuleException("rule.case.withdraw.running", ("number", c.Number), ("session", running.Number));
        }

        var detached = new List<int>();
        foreach (var session in await context.Store.Sessions.ListScheduledForCaseAsync(c.Id, cancellationToken))
        {
            session.DetachCase();
            await context.Store.Sessions.SaveAsync(session, cancellationToken);
            detached.Add(session.Number);
        }

        await context.Store.Cases.SetStatusAsync(c.Id, CaseStatus.Withdrawn, cancellationToken);
        return Reply.Text(detached.Count == 0
            ? context.Say("reply.case.withdrawn", ("number", c.Number))
            : context.Say("reply.case.withdrawn.sessions-kept", ("number", c.Number), ("sessions", string.Join(", ", detached))));
    }
}
