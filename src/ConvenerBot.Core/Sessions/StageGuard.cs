using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Core.Sessions;

/// <summary>
/// Buttons and replies name the stage they belong to. Acting on one only while that stage is current
/// makes a double press, a stale button or a late reply harmless instead of moving the session twice.
/// </summary>
public static class StageGuard
{
    /// <summary>The running session; when a button or reply named a stage and none runs any more, the refusal says it is stale.</summary>
    public static async Task<Session> RequireRunningAsync(Commands.CommandContext context, StageRef? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (expected is not { } stage)
        {
            return await context.RequireRunningSessionAsync(cancellationToken);
        }

        return await context.Store.Sessions.FindRunningAsync(context.Group.Id, forUpdate: true, cancellationToken)
            ?? throw new ConvenerRuleException("rule.stale.session-over", ("session", stage.SessionNumber)) { StaleStage = true };
    }

    public static void RequireCurrent(Session session, StageRef? expected)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (expected is not { } stage)
        {
            return;
        }

        var current = (session.StageIndex ?? 0) + 1;
        if (stage.SessionNumber != session.Number)
        {
            throw new ConvenerRuleException(
                "rule.stale.other-session", ("session", stage.SessionNumber), ("running", session.Number), ("stage", current)) { StaleStage = true };
        }

        if (stage.StageNumber != current)
        {
            throw new ConvenerRuleException(
                "rule.stale.stage-moved", ("stage", stage.StageNumber), ("session", session.Number), ("current", current)) { StaleStage = true };
        }
    }
}
