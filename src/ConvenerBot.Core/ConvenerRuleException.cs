using ConvenerBot.Core.Text;

namespace ConvenerBot.Core;

/// <summary>
/// A rule of the group was not met (wrong role, wrong stage, unknown case, bad input). The phrase is
/// shown to the member in the group's language; the command's transaction is rolled back, so nothing changes.
/// </summary>
public sealed class ConvenerRuleException : Exception
{
    public ConvenerRuleException(Phrase phrase)
        : base(phrase.Key) => Phrase = phrase;

    public ConvenerRuleException(string key, params (string Name, object? Value)[] args)
        : this(Phrase.Of(key, args))
    {
    }

    /// <summary>What to tell the member.</summary>
    public Phrase Phrase { get; }

    /// <summary>The language to tell it in: the group's, set by the engine when it knows the group.</summary>
    public string? Language { get; set; }

    /// <summary>True when a button or reply belonged to a stage that is no longer current (see <see cref="Conversations.Reply.StaleStage"/>).</summary>
    public bool StaleStage { get; init; }
}
