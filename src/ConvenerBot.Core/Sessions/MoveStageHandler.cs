using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Protocols;

namespace ConvenerBot.Core.Sessions;

public sealed class MoveStageHandler(ProtocolCatalog protocols) : ICommandHandler<MoveStageCommand>
{
    public async Task<Reply> HandleAsync(MoveStageCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        context.Require(Role.Facilitator, Text.Phrase.Of("action.stages.move"));
        var session = await StageGuard.RequireRunningAsync(context, command.Expected, cancellationToken);
        StageGuard.RequireCurrent(session, command.Expected);
        var protocol = protocols.Get(session.ProtocolKey);
        if (command.Forward)
        {
            session.MoveNext(protocol, context.Now);
        }
        else
        {
            session.MoveBack(protocol, context.Now);
        }

        await context.Store.Sessions.SaveAsync(session, cancellationToken);
        await StageTimers.SetAsync(context.Store, session, protocol.Stages[session.StageIndex!.Value].Minutes, context.Now, cancellationToken);
        await StageButtons.RetireAsync(context.Store, session, context.Now, cancellationToken);
        await context.Store.Sessions.MarkAttendedAsync(session.Id, context.Member.Id, context.Now, cancellationToken);
        var theCase = await context.RequireCaseByIdAsync(session.CaseId!.Value, cancellationToken);
        return Reply.Of(StagePrompt.Render(session, protocol, theCase, context.Language));
    }
}
