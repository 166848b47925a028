using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Protocols;

namespace ConvenerBot.Core.Sessions;

public sealed class StartSessionHandler(ProtocolCatalog protocols) : ICommandHandler<StartSessionCommand>
{
    public async Task<Reply> HandleAsync(StartSessionCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        context.Require(Role.Facilitator, Text.Phrase.Of("action.sessions.start"));
        var sessions = context.Store.Sessions;
        if (await sessions.FindRunningAsync(context.Group.Id, forUpdate: true, cancellationToken) is { } running)
        {
            throw new ConvenerRuleException("rule.session.other-running", ("number", running.Number));
        }

        Session session;
        if (command.Number is { } number)
        {
            session = await context.RequireSessionAsync(number, forUpdate: true, cancellationToken);
        }
        else
        {
            var next = (await sessions.ListUpcomingAsync(context.Group.Id, cancellationToken)).FirstOrDefault(s => s.Status is SessionStatus.Scheduled && !s.IsOverdue(context.Now))
                ?? throw new ConvenerRuleException("rule.session.none-scheduled");
            session = await context.RequireSessionAsync(next.Number, forUpdate: true, cancellationToken);
        }

        if (command.CaseNumber is { } caseNumber)
        {
            var chosen = await context.RequireCaseAsync(caseNumber, cancellationToken);
            if (chosen.Status is CaseStatus.Withdrawn)
            {
                throw new ConvenerRuleException("rule.case.withdrawn.discuss", ("number", chosen.Number));
            }

            session.AssignCase(chosen.Id);
        }

        if (!command.Now && session.Status is SessionStatus.Scheduled && session.CaseId is not null
            && (session.ScheduledAt - context.Now).Duration() > Session.StartWindow)
        {
            // Planned for another day (or long past): starting it is likely a mistake, so ask first.
            throw new ConvenerRuleException(
                session.ScheduledAt > context.Now ? "rule.session.start-early" : "rule.session.start-late",
                ("number", session.Number), ("when", context.ShowTime(session.ScheduledAt)));
        }

        session.Start(context.Member.Id, context.Now);
        try
        {
            await sessions.SaveAsync(session, cancellationToken);
        }
        catch (Persistence.StoreConflictException)
        {
            // Another instance started a session in this group in the same moment.
            throw new ConvenerRuleException("rule.session.started-elsewhere");
        }

        await SessionReminders.RemoveAsync(context.Store, session, cancellationToken);
        await sessions.MarkAttendedAsync(session.Id, context.Member.Id, context.Now, cancellationToken);
        var theCase = await context.RequireCaseByIdAsync(session.CaseId!.Value, cancellationToken);
        // The holder is present in their own session, whether or not they type anything.
        await sessions.MarkAttendedAsync(session.Id, theCase.HolderId, context.Now, cancellationToken);
        if (theCase.Status is CaseStatus.Open)
        {
            await context.Store.Cases.SetStatusAsync(theCase.Id, CaseStatus.Scheduled, cancellationToken);
        }

        var protocol = protocols.Get(session.ProtocolKey);
        await StageTimers.SetAsync(context.Store, session, protocol.Stages[0].Minutes, context.Now, cancellationToken);
        return Reply.Of(
            new OutboundMessage(
                context.Say(
                    protocol.Stages.Count == 1 ? "reply.session.started.one" : "reply.session.started.other",
                    ("number", session.Number), ("protocol", protocol.Name), ("count", protocol.Stages.Count)),
                OpensSpace: context.Say("reply.session.space", ("number", session.Number), ("title", Text.UserText.Shorten(theCase.Title, 100)))),
            StagePrompt.Render(session, protocol, theCase, context.Language));
    }
}
