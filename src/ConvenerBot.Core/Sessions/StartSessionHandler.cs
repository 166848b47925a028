using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Protocols;

namespace ConvenerBot.Core.Sessions;

/// <summary>
/// Starts a session: one named, or the next scheduled one. A missed session may still be started, by its
/// number: explicitly (<c>now</c>, or the Start button of its notice) when its time is more than an hour
/// away, as for any session.
/// </summary>
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
            throw running.Number == command.Number
                ? new ConvenerRuleException("rule.session.already-running", ("number", running.Number)) { StaleStage = command.Pressed }
                : new ConvenerRuleException("rule.session.other-running", ("number", running.Number));
        }

        Session session;
        if (command.Number is { } number)
        {
            session = await context.RequireSessionAsync(number, forUpdate: true, cancellationToken);
        }
        else
        {
            var next = (await sessions.ListUpcomingAsync(context.Group.Id, cancellationToken)).FirstOrDefault(s => s.Status is SessionStatus.Scheduled)
                ?? throw new ConvenerRuleException("rule.session.none-scheduled");
            session = await context.RequireSessionAsync(next.Number, forUpdate: true, cancellationToken);
        }

        if (command.Pressed && session.Status is not (SessionStatus.Scheduled or SessionStatus.Missed))
        {
            // A Start button under the notice of a session that has ended or was cancelled since.
            throw new ConvenerRuleException("rule.session.cannot-start", ("number", session.Number), ("status", Session.Describe(session.Status))) { StaleStage = true };
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

        if (!command.Now && session.Status is (SessionStatus.Scheduled or SessionStatus.Missed) && session.CaseId is not null
            && (session.ScheduledAt - context.Now).Duration() > Session.StartWindow)
        {
            // Planned for another day (or long past): starting it is likely a mistake, so ask first.
            throw new ConvenerRuleException(
                session.ScheduledAt > context.Now ? "rule.session.start-early" : "rule.session.start-late",
                ("number", session.Number), ("when", context.ShowTime(session.ScheduledAt)));
        }

        var protocol = protocols.Get(session.ProtocolKey);
        var theCase = await SessionStart.BeginAsync(context.Store, session, context.Member.Id, context.Member.Id, protocol, context.Now, cancellationToken);
        return Reply.Of(SessionStart.Messages(session, protocol, theCase, context.Language));
    }
}
