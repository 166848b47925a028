namespace ConvenerBot.Core;

/// <summary>
/// A rule of the group was not met (wrong role, wrong stage, unknown case, bad input). The message is
/// shown to the member as it is; the command's transaction is rolled back, so nothing changes.
/// </summary>
public sealed class ConvenerRuleException(string message) : Exception(message);
