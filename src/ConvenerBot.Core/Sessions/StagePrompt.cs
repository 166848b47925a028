using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Sessions;

/// <summary>The message that opens a stage: where the group is, what to do, and what the stage collects.</summary>
public static class StagePrompt
{
    public static OutboundMessage Render(Session session, Protocol protocol, Case? theCase, string language)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(protocol);
        var catalog = MessageCatalog.Default;
        var index = session.StageIndex ?? 0;
        var stage = protocol.Stages[index];
        var lines = new List<string>
        {
            catalog.Render(
                language, "prompt.stage.header",
                ("session", session.Number), ("stage", index + 1), ("stages", protocol.Stages.Count), ("title", stage.Title), ("minutes", stage.Minutes)),
        };
        if (theCase is not null)
        {
            lines.Add(catalog.Render(language, "prompt.stage.case", ("number", theCase.Number), ("title", theCase.Title), ("holder", theCase.HolderName)));
        }

        lines.Add(stage.Prompt);
        lines.Add(catalog.Render(language, Collecting(stage, theCase)));
        var last = index == protocol.Stages.Count - 1;
        StageAction[] actions = (index == 0, last) switch
        {
            (true, true) => [StageAction.End],
            (true, false) => [StageAction.Next, StageAction.End],
            (false, true) => [StageAction.Back, StageAction.End],
            _ => [StageAction.Back, StageAction.Next, StageAction.End],
        };
        return new OutboundMessage(string.Join('\n', lines), MessageFormat.Plain, actions, new StageRef(session.Number, index + 1))
        {
            Contributions = [.. stage.Collects.Select(c => VerbOf(c.Kind)).Distinct()],
        };
    }

    /// <summary>One sentence on what the stage collects, used in prompts and in refusals.</summary>
    public static Phrase Collecting(Stage stage, Case? theCase)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (stage.Collects.Count == 0)
        {
            return Phrase.Of("prompt.collects.nothing");
        }

        var holder = theCase is null ? Phrase.Of("prompt.from.holder") : Phrase.Of("prompt.from.holder.named", ("holder", theCase.HolderName));
        var parts = stage.Collects
            .Select(c => Phrase.Of("prompt.collects.part", ("kinds", Noun(c.Kind)), ("verb", Verb(c.Kind)), ("from", From(c.From, holder))))
            .Reverse()
            .Aggregate((rest, first) => Phrase.Of("prompt.collects.and", ("first", first), ("rest", rest)));
        return Phrase.Of("prompt.collects", ("parts", parts));
    }

    /// <summary>The contributions of a kind, as a plural noun in a sentence ("This stage collects ideas for possible next steps …").</summary>
    public static Phrase Noun(ContributionKind kind) => Phrase.Of(kind switch
    {
        ContributionKind.ClarifyingQuestion => "noun.clarifying-questions",
        ContributionKind.OpenQuestion => "noun.open-questions",
        ContributionKind.Idea => "noun.ideas",
        ContributionKind.NextStep => "noun.next-steps",
        ContributionKind.Learning => "noun.learnings",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    });

    public static Commands.ContributionVerb VerbOf(ContributionKind kind) => kind switch
    {
        ContributionKind.ClarifyingQuestion or ContributionKind.OpenQuestion => Commands.ContributionVerb.Ask,
        ContributionKind.Idea => Commands.ContributionVerb.Idea,
        ContributionKind.NextStep => Commands.ContributionVerb.Step,
        _ => Commands.ContributionVerb.Learn,
    };

    public static string Verb(ContributionKind kind) => kind switch
    {
        ContributionKind.ClarifyingQuestion or ContributionKind.OpenQuestion => "/ask",
        ContributionKind.Idea => "/idea",
        ContributionKind.NextStep => "/step",
        _ => "/learn",
    };

    private static Phrase From(Contributors from, Phrase holder) => from switch
    {
        Contributors.Holder => holder,
        Contributors.Group => Phrase.Of("prompt.from.group"),
        _ => Phrase.Of("prompt.from.everyone"),
    };
}
