using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Sessions;

/// <summary>One session: when, its status, case and protocol, who answered going, maybe or can't, and the cases offered.</summary>
public sealed class ShowSessionHandler(ProtocolCatalog protocols) : ICommandHandler<ShowSessionCommand>
{
    public async Task<Reply> HandleAsync(ShowSessionCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var session = await context.RequireSessionAsync(command.Number, forUpdate: false, cancellationToken);
        var theCase = session.CaseId is { } caseId ? await context.RequireCaseByIdAsync(caseId, cancellationToken) : null;
        var about = theCase is null
            ? Phrase.Of("label.no-case-yet")
            : Phrase.Of("reply.session.scheduled.case", ("number", theCase.Number), ("title", UserText.Shorten(theCase.Title, 80)), ("holder", theCase.HolderName));
        var protocol = protocols.Find(session.ProtocolKey)?.Name ?? session.ProtocolKey;
        var rsvps = await context.Store.Rsvps.ListAsync(session.Id, cancellationToken);
        object Names(IEnumerable<Rsvp> answers) =>
            answers.Select(r => r.DisplayName).ToList() is { Count: > 0 } names ? WordList.And(names) : Phrase.Of("label.nobody-yet");
        var lines = new List<string>
        {
            context.Say(
                "reply.session.show", ("number", session.Number), ("when", context.ShowTime(session.ScheduledAt)),
                ("status", Session.Describe(session.Status)), ("about", about), ("protocol", protocol)),
            context.Say("reply.session.show.going", ("count", rsvps.Count(r => r.IsGoing)), ("names", Names(rsvps.Where(r => r.IsGoing)))),
            context.Say("reply.session.show.maybe", ("count", rsvps.Count(r => r.Answer is RsvpAnswer.Maybe)), ("names", Names(rsvps.Where(r => r.Answer is RsvpAnswer.Maybe)))),
            context.Say("reply.session.show.no", ("count", rsvps.Count(r => r.Answer is RsvpAnswer.No)), ("names", Names(rsvps.Where(r => r.Answer is RsvpAnswer.No)))),
        };
        var offers = rsvps.Where(r => r.Answer is RsvpAnswer.Case && r.CaseTitle is not null).ToList();
        if (offers.Count > 0)
        {
            lines.Add(context.Say("reply.session.show.offered"));
            lines.AddRange(offers.Select(o => context.Say("reply.session.show.offer", ("title", o.CaseTitle), ("name", o.DisplayName))));
        }

        var open = session.Status is SessionStatus.Scheduled && session.ScheduledAt > context.Now;
        if (open)
        {
            lines.Add(context.Say("reply.session.show.answer", ("number", session.Number)));
        }

        return Reply.Of(new OutboundMessage(string.Join('\n', lines)) { RsvpFor = open ? session.Number : null });
    }
}
