namespace ConvenerBot.Core;

/// <summary>
/// A rule of the group was not met (wrong role, wrong stage, unknown case, bad input). The message is
/// shown to the member as it is; the command's transaction is rolled back, so nothing changes.
/// </summary>
public sealed class ConvenerRuleException(string message) : Exception(message)
{
    /// <summary>True when a button or reply belonged to a stage that is no longer current (see <see cref="Conversations.Reply.StaleStage"/>).</summary>
    public bool StaleStage { get; init; }
}
