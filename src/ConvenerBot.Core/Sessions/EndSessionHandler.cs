using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Summaries;

namespace ConvenerBot.Core.Sessions;

public sealed class EndSessionHandler(SummaryReader summaries) : ICommandHandler<EndSessionCommand>
{
    public async Task<Reply> HandleAsync(EndSessionCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        context.Require(Role.Facilitator, Text.Phrase.Of("action.sessions.end"));
        var session = await StageGuard.RequireRunningAsync(context, command.Expected, cancellationToken);
        StageGuard.RequireCurrent(session, command.Expected);
        if (!command.Confirmed && command.Expected is { } stage)
        {
            return Reply.Of(new OutboundMessage(
                context.Say("reply.session.end.confirm", ("number", session.Number)),
                Actions: [StageAction.ConfirmEnd],
                Stage: stage)) with { Private = true };
        }

        session.End(context.Now);
        await context.Store.Sessions.SaveAsync(session, cancellationToken);
        await StageTimers.ClearAsync(context.Store, session, cancellationToken);
        await StageButtons.RetireAsync(context.Store, session, context.Now, cancellationToken);
        await SessionMirror.WriteAsync(context.Store, session, context.Now, cancellationToken);
        await context.Store.Sessions.MarkAttendedAsync(session.Id, context.Member.Id, context.Now, cancellationToken);
        await context.Store.Cases.SetStatusAsync(session.CaseId!.Value, CaseStatus.Discussed, cancellationToken);

        var summary = await summaries.ReadAsync(session, context, cancellationToken);
        var steps = summary.Contributions.Count(c => c.Kind is ContributionKind.NextStep);
        var learnings = summary.Contributions.Count(c => c.Kind is ContributionKind.Learning);
        return Reply.Of(
            new OutboundMessage(
                context.Say(
                    "reply.session.ended",
                    ("number", session.Number),
                    ("steps", Count(steps, "count.next-steps.one", "count.next-steps.other")),
                    ("learnings", Count(learnings, "count.learnings.one", "count.learnings.other")),
                    ("people", Count(summary.Attendees.Count, "count.people.one", "count.people.other"))))
            {
                ClosesSpace = true,
                Space = session.Space,
            },
            new OutboundMessage(MarkdownSummaryRenderer.Render(summary, context.Language), MessageFormat.Markdown));
    }

    /// <summary>A number with its noun, English-style: the <c>.one</c> key for 1, the <c>.other</c> key otherwise.</summary>
    private static Text.Phrase Count(int count, string one, string other) => Text.Phrase.Of(count == 1 ? one : other, ("count", count));
}
