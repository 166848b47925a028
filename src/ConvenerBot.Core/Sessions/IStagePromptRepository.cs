using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Core.Sessions;

/// <summary>
/// Which platform message is which stage prompt, per group, so that a reply to a prompt is known by the id
/// of the message it replies to, never by the prompt's text, and still after a restart.
/// </summary>
public interface IStagePromptRepository
{
    /// <summary>
    /// Records that the group's message is the prompt of a session's stage (counting from 0, like
    /// <see cref="Session.StageIndex"/>). Recording the same message again replaces what it was.
    /// </summary>
    Task RecordAsync(long groupId, string messageId, long sessionId, int stageIndex, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The stage whose prompt the group's message is, or null when it is no recorded prompt.</summary>
    Task<StageRef?> FindAsync(long groupId, string messageId, CancellationToken cancellationToken);
}
