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
        context.Require(Role.Facilitator, "end sessions");
        var session = await StageGuard.RequireRunningAsync(context, command.Expected, cancellationToken);
        StageGuard.RequireCurrent(session, command.Expected);
        if (!command.Confirmed && command.Expected is { } stage)
        {
            return Reply.Of(new OutboundMessage(
                $"End session {session.Number} now? Its outcome is saved and the summary posted; it cannot be reopened.",
                Actions: [StageAction.ConfirmEnd],
                Stage: stage)) with { Private = true };
        }

        session.End(context.Now);
        await context.Store.Sessions.SaveAsync(session, cancellationToken);
        await context.Store.Sessions.MarkAttendedAsync(session.Id, context.Member.Id, context.Now, cancellationToken);
        await context.Store.Cases.SetStatusAsync(session.CaseId!.Value, CaseStatus.Discussed, cancellationToken);

        var summary = await summaries.ReadAsync(session, context, cancellationToken);
        var steps = summary.Contributions.Count(c => c.Kind is ContributionKind.NextStep);
        var learnings = summary.Contributions.Count(c => c.Kind is ContributionKind.Learning);
        return Reply.Of(
            new OutboundMessage(
                $"Session {session.Number} has ended and its outcome is saved: {Count(steps, "next step")}, {Count(learnings, "learning")}, " +
                $"{Count(summary.Attendees.Count, "person", "people")} took part. Thank you all. Read it again any time with /summary {session.Number}.")
            {
                ClosesSpace = true,
            },
            new OutboundMessage(MarkdownSummaryRenderer.Render(summary), MessageFormat.Markdown));
    }

    private static string Count(int n, string one, string? many = null) => n == 1 ? $"1 {one}" : $"{n} {many ?? one + "s"}";
}
