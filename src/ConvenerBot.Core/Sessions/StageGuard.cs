using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Core.Sessions;

/// <summary>
/// Buttons and replies name the stage they belong to. Acting on one only while that stage is current
/// makes a double press, a stale button or a late reply harmless instead of moving the session twice.
/// </summary>
public static class StageGuard
{
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
            throw new ConvenerRuleException($"That belongs to session {stage.SessionNumber}, which is no longer running; session {session.Number} is, at stage {current}.");
        }

        if (stage.StageNumber != current)
        {
            throw new ConvenerRuleException($"That belongs to stage {stage.StageNumber}; session {session.Number} has moved on to stage {current}.");
        }
    }
}
