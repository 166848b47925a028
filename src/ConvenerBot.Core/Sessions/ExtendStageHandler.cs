using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;

namespace ConvenerBot.Core.Sessions;

/// <summary>
/// Gives the current stage more time: its timer falls due that many minutes from now. The Extend button
/// under a time-up notice gives <see cref="ButtonMinutes"/>, and only while its stage is current.
/// </summary>
public sealed class ExtendStageHandler : ICommandHandler<ExtendStageCommand>
{
    public const int MaxMinutes = 240;

    public const int ButtonMinutes = 10;

    public async Task<Reply> HandleAsync(ExtendStageCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        context.Require(Role.Facilitator, Text.Phrase.Of("action.stages.extend"));
        if (command.Minutes is < 1 or > MaxMinutes)
        {
            throw new ConvenerRuleException("rule.extend.range", ("max", MaxMinutes));
        }

        var session = await StageGuard.RequireRunningAsync(context, command.Expected, cancellationToken);
        StageGuard.RequireCurrent(session, command.Expected);
        await StageTimers.SetAsync(context.Store, session, command.Minutes, context.Now, cancellationToken);
        return Reply.Text(context.Say("reply.extend", ("stage", session.StageIndex!.Value + 1), ("minutes", command.Minutes)));
    }
}
