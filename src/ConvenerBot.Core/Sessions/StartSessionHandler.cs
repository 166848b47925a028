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
        context.Require(Role.Facilitator, "start sessions");
        var sessions = context.Store.Sessions;
        if (await sessions.FindRunningAsync(context.Group.Id, forUpdate: true, cancellationToken) is { } running)
        {
            throw new ConvenerRuleException($"Session {running.Number} is already running. End it with /session end before starting another.");
        }

        Session session;
        if (command.Number is { } number)
        {
            session = await context.RequireSessionAsync(number, forUpdate: true, cancellationToken);
        }
        else
        {
            var next = (await sessions.ListUpcomingAsync(context.Group.Id, cancellationToken)).FirstOrDefault(s => s.Status is SessionStatus.Scheduled)
                ?? throw new ConvenerRuleException("No session is scheduled. Schedule one first: /session schedule YYYY-MM-DD HH:MM case ID.");
            session = await context.RequireSessionAsync(next.Number, forUpdate: true, cancellationToken);
        }

        if (command.CaseNumber is { } caseNumber)
        {
            var chosen = await context.RequireCaseAsync(caseNumber, cancellationToken);
            if (chosen.Status is CaseStatus.Withdrawn)
            {
                throw new ConvenerRuleException($"Case {chosen.Number} was withdrawn and cannot be discussed.");
            }

            session.AssignCase(chosen.Id);
        }

        session.Start(context.Member.Id, context.Now);
        try
        {
            await sessions.SaveAsync(session, cancellationToken);
        }
        catch (Persistence.StoreConflictException)
        {
            // Another instance started a session in this group in the same moment.
            throw new ConvenerRuleException("Another session has just been started in this group. End it with /session end before starting another.");
        }

        await sessions.MarkAttendedAsync(session.Id, context.Member.Id, context.Now, cancellationToken);
        var theCase = await context.RequireCaseByIdAsync(session.CaseId!.Value, cancellationToken);
        // The holder is present in their own session, whether or not they type anything.
        await sessions.MarkAttendedAsync(session.Id, theCase.HolderId, context.Now, cancellationToken);
        if (theCase.Status is CaseStatus.Open)
        {
            await context.Store.Cases.SetStatusAsync(theCase.Id, CaseStatus.Scheduled, cancellationToken);
        }

        var protocol = protocols.Get(session.ProtocolKey);
        return Reply.Of(
            new OutboundMessage(
                $"Session {session.Number} has started, following {protocol.Name} ({protocol.Stages.Count} stages). What is said here stays with the group. Type /here to be counted as present.",
                OpensSpace: $"Session {session.Number}: {Text.UserText.Shorten(theCase.Title, 100)}"),
            StagePrompt.Render(session, protocol, theCase));
    }
}
