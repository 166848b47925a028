namespace ConvenerBot.Core.Conversations;

/// <summary>
/// One message to post. <see cref="MessageFormat.Plain"/> text is shown verbatim (adapters escape it for
/// their markup); <see cref="MessageFormat.Markdown"/> text is already escaped CommonMark.
/// </summary>
/// <param name="Actions">Stage actions to offer under the message (buttons where the platform has them).</param>
/// <param name="Stage">Set on a stage prompt: which stage it opens, so replies and buttons can refer to it.</param>
/// <param name="OpensSpace">Set on the message that starts a session: a title for a space of its own
/// (a forum topic or thread) where the platform has them.</param>
public sealed record OutboundMessage(
    string Text,
    MessageFormat Format = MessageFormat.Plain,
    IReadOnlyList<StageAction>? Actions = null,
    StageRef? Stage = null,
    string? OpensSpace = null);
