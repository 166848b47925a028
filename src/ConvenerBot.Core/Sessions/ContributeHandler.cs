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
        var answer = stage.Accept(command.Verb, isHolder);
        var collect = answer.Why is { } why ? throw Refusal(why, command.Verb, answer.Collect, stage, protocol, index, theCase) : answer.Collect!;

        var noun = Singular(collect.Kind);
        var text = UserText.Require(command.Text, noun);
        await context.Store.Contributions.AddAsync(session.Id, context.Member.Id, stage.Key, collect.Kind, text, context.Now, cancellationToken);
        await context.Store.Sessions.MarkAttendedAsync(session.Id, context.Member.Id, context.Now, cancellationToken);
        return Reply.Of(
            new OutboundMessage(context.Say("reply.contribution.saved", ("kind", noun), ("name", context.Member.DisplayName))) { Purpose = MessagePurpose.Acknowledgement },
            new OutboundMessage(context.Say("reply.contribution.echo", ("name", context.Member.DisplayName), ("kind", noun), ("text", text))) { Purpose = MessagePurpose.Echo, Space = session.Space });
    }

    /// <summary>The stage's refusal in words: what it collects, and where a typed verb belongs instead.</summary>
    private static ConvenerRuleException Refusal(Stage.Refusal why, ContributionVerb? verb, Collect? collect, Stage stage, Protocol protocol, int index, Cases.Case theCase)
    {
        var typed = verb is { } v ? "/" + v.ToString().ToLowerInvariant() : "";
        var collecting = StagePrompt.Collecting(stage, theCase);
        switch (why)
        {
            case Stage.Refusal.NotInThisStage:
                var where = protocol.Stages.Select((s, i) => (s, i)).Where(x => x.s.Collects.Any(c => Stage.Names(verb!.Value, c.Kind))).Select(x => $"{x.i + 1} ({x.s.Title})").ToList();
                var belongs = where.Count == 0
                    ? Phrase.Of("rule.contribute.verb-unused", ("verb", typed))
                    : Phrase.Of("rule.contribute.verb-belongs", ("verb", typed), ("stages", WordList.And(where)));
                return new ConvenerRuleException(
                    "rule.contribute.wrong-stage", ("stage", index + 1), ("title", stage.Title), ("collecting", collecting), ("belongs", belongs));
            case Stage.Refusal.HolderOnly:
                return new ConvenerRuleException(
                    "rule.contribute.holder-only", ("holder", theCase.HolderName), ("kinds", StagePrompt.Noun(collect!.Kind)), ("verb", typed), ("collecting", collecting));
            case Stage.Refusal.HolderReceives when collect is not null:
                return new ConvenerRuleException("rule.contribute.holder-receives", ("kinds", StagePrompt.Noun(collect.Kind)));
            case Stage.Refusal.HolderReceives:
                return new ConvenerRuleException("rule.contribute.holder-receives-reply", ("collecting", collecting));
            case Stage.Refusal.CollectsNothing:
                return new ConvenerRuleException("rule.contribute.stage-collects-nothing", ("title", stage.Title), ("collecting", collecting));
            default:
                return new ConvenerRuleException("rule.contribute.nothing-saved", ("collecting", collecting));
        }
    }

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
