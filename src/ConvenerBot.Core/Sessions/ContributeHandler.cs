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
                ? Phrase.Of("rule.contribute.no-session.verb", ("verb", typed.ToString().ToLowerInvariant()))
                : Phrase.Of("rule.contribute.no-session.reply")) { StaleStage = command.Stage is not null };
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
            new OutboundMessage(context.Say("reply.contribution.saved", ("kind", noun), ("name", context.Member.DisplayName))) { Purpose = MessagePurpose.Acknowledgement },
            new OutboundMessage(context.Say("reply.contribution.echo", ("name", context.Member.DisplayName), ("kind", noun), ("text", text))) { Purpose = MessagePurpose.Echo });
    }

    private static Collect ForVerb(ContributionVerb verb, Stage stage, Protocol protocol, int index, Cases.Case theCase, bool isHolder)
    {
        var typed = "/" + verb.ToString().ToLowerInvariant();
        var collect = stage.Collects.FirstOrDefault(c => Matches(verb, c.Kind));
        if (collect is null)
        {
            var where = protocol.Stages.Select((s, i) => (s, i)).Where(x => x.s.Collects.Any(c => Matches(verb, c.Kind))).Select(x => $"{x.i + 1} ({x.s.Title})").ToList();
            var belongs = where.Count == 0
                ? Phrase.Of("rule.contribute.verb-unused", ("verb", typed))
                : Phrase.Of("rule.contribute.verb-belongs", ("verb", typed), ("stages", WordList.And(where)));
            throw new ConvenerRuleException(
                "rule.contribute.wrong-stage", ("stage", index + 1), ("title", stage.Title), ("collecting", StagePrompt.Collecting(stage, theCase)), ("belongs", belongs));
        }

        if (collect.From is Contributors.Holder && !isHolder)
        {
            throw new ConvenerRuleException(
                "rule.contribute.holder-only",
                ("holder", theCase.HolderName), ("kinds", StagePrompt.Noun(collect.Kind)), ("verb", typed), ("collecting", StagePrompt.Collecting(stage, theCase)));
        }

        if (collect.From is Contributors.Group && isHolder)
        {
            throw new ConvenerRuleException("rule.contribute.holder-receives", ("kinds", StagePrompt.Noun(collect.Kind)));
        }

        return collect;
    }

    /// <summary>A plain reply to a prompt becomes the first kind this stage collects from this member.</summary>
    private static Collect ForReply(Stage stage, Cases.Case theCase, bool isHolder) =>
        stage.Collects.FirstOrDefault(c => c.From is Contributors.Everyone || (c.From is Contributors.Holder) == isHolder)
        ?? throw new ConvenerRuleException(stage.Collects.Count == 0
            ? Phrase.Of("rule.contribute.stage-collects-nothing", ("title", stage.Title), ("collecting", StagePrompt.Collecting(stage, theCase)))
            : isHolder
                ? Phrase.Of("rule.contribute.holder-receives-reply", ("collecting", StagePrompt.Collecting(stage, theCase)))
                : Phrase.Of("rule.contribute.nothing-saved", ("collecting", StagePrompt.Collecting(stage, theCase))));

    private static bool Matches(ContributionVerb verb, ContributionKind kind) => verb switch
    {
        ContributionVerb.Ask => kind is ContributionKind.ClarifyingQuestion or ContributionKind.OpenQuestion,
        ContributionVerb.Idea => kind is ContributionKind.Idea,
        ContributionVerb.Step => kind is ContributionKind.NextStep,
        _ => kind is ContributionKind.Learning,
    };

    /// <summary>One contribution of a kind, as a noun in a sentence ("Saved your idea").</summary>
    private static Phrase Singular(ContributionKind kind) => Phrase.Of(kind switch
    {
        ContributionKind.ClarifyingQuestion => "noun.clarifying-question",
        ContributionKind.OpenQuestion => "noun.question",
        ContributionKind.Idea => "noun.idea",
        ContributionKind.NextStep => "noun.next-step",
        _ => "noun.learning",
    });
}
