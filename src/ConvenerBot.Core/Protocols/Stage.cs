using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Protocols;

/// <summary>
/// One stage of a protocol: what it asks of the group, for how long, and what it collects from whom. The
/// stage answers who may contribute what (<see cref="Accept"/>); handlers only say it in words and store it.
/// </summary>
public sealed record Stage(string Key, string Title, string Prompt, int Minutes, IReadOnlyList<Collect> Collects)
{
    /// <summary>
    /// What a contribution becomes in this stage: the kind a typed verb names, or for a plain reply to the
    /// prompt (<paramref name="verb"/> null) the first kind this stage collects from this member.
    /// </summary>
    /// <param name="isHolder">Whether the member holds the session's case.</param>
    public Acceptance Accept(ContributionVerb? verb, bool isHolder)
    {
        if (verb is not { } typed)
        {
            var collect = Collects.FirstOrDefault(c => c.From is Contributors.Everyone || (c.From is Contributors.Holder) == isHolder);
            return collect is not null ? new(collect, null)
                : Collects.Count == 0 ? new(null, Refusal.CollectsNothing)
                : isHolder ? new(null, Refusal.HolderReceives)
                : new(null, Refusal.NotFromYou);
        }

        var named = Collects.FirstOrDefault(c => Names(typed, c.Kind));
        return named switch
        {
            null => new(null, Refusal.NotInThisStage),
            { From: Contributors.Holder } when !isHolder => new(named, Refusal.HolderOnly),
            { From: Contributors.Group } when isHolder => new(named, Refusal.HolderReceives),
            _ => new(named, null),
        };
    }

    /// <summary>Whether a typed verb names a kind of contribution (/ask names both kinds of question).</summary>
    public static bool Names(ContributionVerb verb, ContributionKind kind) => verb switch
    {
        ContributionVerb.Ask => kind is ContributionKind.ClarifyingQuestion or ContributionKind.OpenQuestion,
        ContributionVerb.Idea => kind is ContributionKind.Idea,
        ContributionVerb.Step => kind is ContributionKind.NextStep,
        _ => kind is ContributionKind.Learning,
    };

    /// <summary>The stage's answer: the collect taken, or why not (with the collect it concerns, when there is one).</summary>
    public sealed record Acceptance(Collect? Collect, Refusal? Why);

    /// <summary>Why a stage does not take a contribution.</summary>
    public enum Refusal
    {
        /// <summary>The typed verb belongs to other stages, or to none.</summary>
        NotInThisStage,

        /// <summary>Only the holder gives this kind here.</summary>
        HolderOnly,

        /// <summary>The holder receives this kind from the group rather than giving it.</summary>
        HolderReceives,

        /// <summary>The stage collects nothing (a plain reply to its prompt).</summary>
        CollectsNothing,

        /// <summary>The stage collects only from the holder (a plain reply from someone else).</summary>
        NotFromYou,
    }
}
