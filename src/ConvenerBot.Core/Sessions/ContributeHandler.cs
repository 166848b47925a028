using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Sessions;

/// <summary>Stores a question, idea, next step or learning, if the current stage collects it from this member.</summary>
public sealed class ContributeHandler(ProtocolCatalog protocols) : ICommandHandler<ContributeCommand>
{
    public async Task<Reply> HandleAsync(ContributeCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var session = await context.Store.Sessions.FindRunningAsync(context.Group.Id, forUpdate: true, cancellationToken)
            ?? throw new ConvenerRuleException(command.Verb is { } typed
                ? $"No session is running, so there is nowhere to put this /{typed.ToString().ToLowerInvariant()}. Contributions are collected during a session."
                : "No session is running, so there is nowhere to put this reply.") { StaleStage = command.Stage is not null };
        StageGuard.RequireCurrent(session, command.Stage);
        var protocol = protocols.Get(session.ProtocolKey);
        var index = session.StageIndex!.Value;
        var stage = protocol.Stages[index];
        var theCase = await context.RequireCaseByIdAsync(session.CaseId!.Value, cancellationToken);
        var isHolder = theCase.HolderId == context.Member.Id;
        var collect = command.Verb is { } verb ? ForVerb(verb, stage, protocol, index, theCase, isHolder) : ForReply(stage, theCase, isHolder);

        var noun = Singular(collect.Kind);
        var text = UserText.Require(command.Text, noun);
        await context.Store.Contributions.AddAsync(session.Id, context.Member.Id, stage.Key, collect.Kind, text, context.Now, cancellationToken);
        await context.Store.Sessions.MarkAttendedAsync(session.Id, context.Member.Id, context.Now, cancellationToken);
        return Reply.Of(
            new OutboundMessage($"Saved your {noun}, {context.Member.DisplayName}.") { Purpose = MessagePurpose.Acknowledgement },
            new OutboundMessage($"{context.Member.DisplayName}, {noun}:\n{text}") { Purpose = MessagePurpose.Echo });
    }

    private static Collect ForVerb(ContributionVerb verb, Stage stage, Protocol protocol, int index, Cases.Case theCase, bool isHolder)
    {
        var typed = "/" + verb.ToString().ToLowerInvariant();
        var collect = stage.Collects.FirstOrDefault(c => Matches(verb, c.Kind));
        if (collect is null)
        {
            var where = protocol.Stages.Select((s, i) => (s, i)).Where(x => x.s.Collects.Any(c => Matches(verb, c.Kind))).Select(x => $"{x.i + 1} ({x.s.Title})").ToList();
            var belongs = where.Count == 0 ? $"This protocol does not use {typed}." : $"{typed} belongs in stage {string.Join(" and ", where)}.";
            throw new ConvenerRuleException($"We are in stage {index + 1}, {stage.Title}. {StagePrompt.Collecting(stage, theCase)} {belongs}");
        }

        if (collect.From is Contributors.Holder && !isHolder)
        {
            throw new ConvenerRuleException($"In this stage only the holder ({theCase.HolderName}) gives {StagePrompt.Noun(collect.Kind)} with {typed}. {StagePrompt.Collecting(stage, theCase)}");
        }

        if (collect.From is Contributors.Group && isHolder)
        {
            throw new ConvenerRuleException($"As the holder you receive the group's {StagePrompt.Noun(collect.Kind)} in this stage rather than giving them. Listen, and answer in your own words when it helps.");
        }

        return collect;
    }

    /// <summary>A plain reply to a prompt becomes the first kind this stage collects from this member.</summary>
    private static Collect ForReply(Stage stage, Cases.Case theCase, bool isHolder) =>
        stage.Collects.FirstOrDefault(c => c.From is Contributors.Everyone || (c.From is Contributors.Holder) == isHolder)
        ?? throw new ConvenerRuleException(stage.Collects.Count == 0
            ? $"This stage ({stage.Title}) collects no contributions; nothing was saved. {StagePrompt.Collecting(stage, theCase)}"
            : isHolder
                ? $"As the holder you receive the group's contributions in this stage; nothing was saved. {StagePrompt.Collecting(stage, theCase)}"
                : $"Nothing was saved: {StagePrompt.Collecting(stage, theCase)}");

    private static bool Matches(ContributionVerb verb, ContributionKind kind) => verb switch
    {
        ContributionVerb.Ask => kind is ContributionKind.ClarifyingQuestion or ContributionKind.OpenQuestion,
        ContributionVerb.Idea => kind is ContributionKind.Idea,
        ContributionVerb.Step => kind is ContributionKind.NextStep,
        _ => kind is ContributionKind.Learning,
    };

    private static string Singular(ContributionKind kind) => kind switch
    {
        ContributionKind.ClarifyingQuestion => "clarifying question",
        ContributionKind.OpenQuestion => "question",
        ContributionKind.Idea => "idea",
        ContributionKind.NextStep => "next step",
        _ => "learning",
    };
}
