using System.Text;
using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Protocols;

namespace ConvenerBot.Core.Sessions;

/// <summary>The message that opens a stage: where the group is, what to do, and what the stage collects.</summary>
public static class StagePrompt
{
    public static OutboundMessage Render(Session session, Protocol protocol, Case? theCase)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(protocol);
        var index = session.StageIndex ?? 0;
        var stage = protocol.Stages[index];
        var text = new StringBuilder();
        text.Append("Session ").Append(session.Number).Append(" · stage ").Append(index + 1).Append(" of ").Append(protocol.Stages.Count)
            .Append(": ").Append(stage.Title).Append(" (about ").Append(stage.Minutes).Append(" min)");
        if (theCase is not null)
        {
            text.Append('\n').Append("Case ").Append(theCase.Number).Append(": ").Append(theCase.Title).Append(" — holder ").Append(theCase.HolderName);
        }

        text.Append('\n').Append(stage.Prompt);
        text.Append('\n').Append(Collecting(stage, theCase));
        var last = index == protocol.Stages.Count - 1;
        StageAction[] actions = (index == 0, last) switch
        {
            (true, true) => [StageAction.End],
            (true, false) => [StageAction.Next, StageAction.End],
            (false, true) => [StageAction.Back, StageAction.End],
            _ => [StageAction.Back, StageAction.Next, StageAction.End],
        };
        return new OutboundMessage(text.ToString(), MessageFormat.Plain, actions, new StageRef(session.Number, index + 1))
        {
            Contributions = [.. stage.Collects.Select(c => VerbOf(c.Kind)).Distinct()],
        };
    }

    /// <summary>One sentence on what the stage collects, used in prompts and in refusals.</summary>
    public static string Collecting(Stage stage, Case? theCase)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (stage.Collects.Count == 0)
        {
            return "This stage collects no contributions: listen and take it in.";
        }

        var holder = theCase is null ? "the holder" : $"the holder ({theCase.HolderName})";
        var parts = stage.Collects.Select(c => $"{Noun(c.Kind)} with {Verb(c.Kind)} from {From(c.From, holder)}");
        return "This stage collects " + string.Join("; and ", parts) + ".";
    }

    public static string Noun(ContributionKind kind) => kind switch
    {
        ContributionKind.ClarifyingQuestion => "clarifying questions",
        ContributionKind.OpenQuestion => "open questions",
        ContributionKind.Idea => "ideas for possible next steps",
        ContributionKind.NextStep => "chosen next steps",
        ContributionKind.Learning => "learnings",
        _ => kind.ToString(),
    };

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

    private static string From(Contributors from, string holder) => from switch
    {
        Contributors.Holder => holder,
        Contributors.Group => "the group (everyone but the holder)",
        _ => "everyone",
    };
}
