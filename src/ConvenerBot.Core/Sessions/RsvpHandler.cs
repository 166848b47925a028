using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Sessions;

/// <summary>
/// A member's answer for a scheduled session: going, maybe, can't, or going with a case to offer. A new
/// answer replaces the member's earlier one. Offering a case records its title with the answer and counts as
/// going; it opens no case (the member, or a facilitator, does that with /case open).
/// </summary>
public sealed class RsvpHandler : ICommandHandler<RsvpCommand>
{
    public async Task<Reply> HandleAsync(RsvpCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var session = await context.Store.Sessions.FindAsync(context.Group.Id, command.Number, forUpdate: true, cancellationToken)
            ?? throw new ConvenerRuleException("rule.rsvp.not-found", ("number", command.Number));
        switch (session.Status)
        {
            case SessionStatus.Running:
                throw new ConvenerRuleException("rule.rsvp.started", ("number", session.Number));
            case SessionStatus.Ended:
                throw new ConvenerRuleException("rule.rsvp.ended", ("number", session.Number));
            case SessionStatus.Cancelled:
                throw new ConvenerRuleException("rule.rsvp.cancelled", ("number", session.Number));
        }

        if (session.ScheduledAt <= context.Now)
        {
            throw new ConvenerRuleException("rule.rsvp.time-passed", ("number", session.Number), ("when", context.ShowTime(session.ScheduledAt)));
        }

        string? title = null;
        if (command.Answer is RsvpAnswer.Case)
        {
            if (string.IsNullOrWhiteSpace(command.Title))
            {
                throw new ConvenerRuleException("rule.rsvp.case-needs-title", ("number", session.Number), ("max", CommandTable.MaxTitleLength));
            }

            title = UserText.Require(command.Title, Phrase.Of("noun.title")).ReplaceLineEndings(" ");
            if (title.Length > CommandTable.MaxTitleLength)
            {
                throw new ConvenerRuleException("rule.rsvp.title-too-long", ("length", title.Length), ("max", CommandTable.MaxTitleLength));
            }
        }
        else if (!string.IsNullOrWhiteSpace(command.Title))
        {
            throw new ConvenerRuleException("rule.rsvp.title-only-with-case", ("number", session.Number));
        }

        await context.Store.Rsvps.SetAsync(session.Id, context.Member.Id, command.Answer, title, context.Now, cancellationToken);
        var going = (await context.Store.Rsvps.ListAsync(session.Id, cancellationToken)).Count(r => r.IsGoing);
        var when = context.ShowTime(session.ScheduledAt);
        var text = command.Answer switch
        {
            RsvpAnswer.Going => context.Say("reply.rsvp.going", ("number", session.Number), ("when", when), ("going", going)),
            RsvpAnswer.Maybe => context.Say("reply.rsvp.maybe", ("number", session.Number), ("when", when), ("going", going)),
            RsvpAnswer.Case => context.Say("reply.rsvp.case", ("number", session.Number), ("when", when), ("going", going), ("title", title)),
            _ => context.Say("reply.rsvp.no", ("number", session.Number), ("when", when)),
        };
        return Reply.Of(new OutboundMessage(text) { Purpose = MessagePurpose.Acknowledgement });
    }
}
