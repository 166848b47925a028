namespace ConvenerBot.Core.Persistence;

/// <summary>
/// The store refused a write because another one got there first (e.g. a second instance started a session
/// in the same group at the same moment). Handlers turn it into the rule the member would have been told.
/// </summary>
public sealed class StoreConflictException(string constraint, Exception inner)
    : Exception($"The write conflicts with another one ({constraint}).", inner)
{
    public string Constraint { get; } = constraint;
}
