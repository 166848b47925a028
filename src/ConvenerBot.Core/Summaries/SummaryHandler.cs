using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Summaries;

/// <summary>Shows a session's summary to organizers and to those who took part: what was said belongs to the group.</summary>
public sealed class SummaryHandler(SummaryReader summaries) : ICommandHandler<SummaryCommand>
{
    public async Task<Reply> HandleAsync(SummaryCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var session = command.SessionNumber is { } number
            ? await context.RequireSessionAsync(number, forUpdate: false, cancellationToken)
            : await context.Store.Sessions.FindLatestAsync(context.Group.Id, cancellationToken)
              ?? throw new ConvenerRuleException("rule.summary.none-yet");
        if (session.Status is SessionStatus.Scheduled or SessionStatus.Cancelled)
        {
            throw new ConvenerRuleException("rule.summary.not-held", ("number", session.Number), ("status", Session.Describe(session.Status)));
        }

        var summary = await summaries.ReadAsync(session, context, cancellationToken);
        var tookPart = summary.Attendees.Any(a => a.MemberId == context.Member.Id) || summary.Case?.HolderId == context.Member.Id;
        if (!tookPart && context.Role < Role.Organizer)
        {
            throw new ConvenerRuleException("rule.summary.not-yours", ("number", session.Number));
        }

        return Reply.Of(new OutboundMessage(MarkdownSummaryRenderer.Render(summary, context.Language), MessageFormat.Markdown) { Confidential = true });
    }
}
