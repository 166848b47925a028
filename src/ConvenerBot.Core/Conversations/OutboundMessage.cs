namespace ConvenerBot.Core.Conversations;

/// <summary>
/// One message to post. <see cref="MessageFormat.Plain"/> text is shown verbatim (adapters escape it for
/// their markup); <see cref="MessageFormat.Markdown"/> text is already escaped CommonMark.
/// </summary>
public sealed record OutboundMessage(
    string Text,
    MessageFormat Format = MessageFormat.Plain,
    IReadOnlyList<StageAction>? Actions = null);
