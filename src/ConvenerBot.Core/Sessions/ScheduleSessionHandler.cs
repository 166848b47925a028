using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Scheduling;

namespace ConvenerBot.Core.Sessions;

public sealed class ScheduleSessionHandler(ProtocolCatalog protocols) : ICommandHandler<ScheduleSessionCommand>
{
    public async Task<Reply> HandleAsync(ScheduleSessionCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        context.Require(Role.Facilitator, Text.Phrase.Of("action.sessions.schedule"));
        var when = GroupClock.ParseFuture(command.When, context.Group.TimeZone, context.Now, context.Language);
        var protocol = protocols.Default;
        if (command.ProtocolKey is { } key)
        {
            protocol = protocols.Find(key)
                ?? throw new ConvenerRuleException(
                    "rule.protocol.unknown", ("key", Text.UserText.Shorten(key, 40)), ("known", string.Join(", ", protocols.All.Select(p => p.Key))));
        }

        Case? theCase = null;
        if (command.CaseNumber is { } caseNumber)
        {
            theCase = await context.RequireCaseAsync(caseNumber, cancellationToken);
            if (theCase.Status is CaseStatus.Withdrawn)
            {
                throw new ConvenerRuleException("rule.case.withdrawn.schedule", ("number", theCase.Number));
            }
        }

        var number = await context.Store.Groups.NextSessionNumberAsync(context.Group.Id, cancellationToken);
        var session = await context.Store.Sessions.AddAsync(context.Group.Id, number, theCase?.Id, protocol.Key, when, context.Member.Id, context.Now, cancellationToken);
        await SessionReminders.ScheduleAsync(context.Store, session, context.Now, cancellationToken);
        await SessionStarts.ScheduleAsync(context.Store, session, context.Now, cancellationToken);
        if (theCase is { Status: CaseStatus.Open })
        {
            await context.Store.Cases.SetStatusAsync(theCase.Id, CaseStatus.Scheduled, cancellationToken);
        }

        var about = theCase is null
            ? Text.Phrase.Of("reply.session.scheduled.no-case", ("number", number))
            : Text.Phrase.Of("reply.session.scheduled.case", ("number", theCase.Number), ("title", theCase.Title), ("holder", theCase.HolderName));
        // The session's card carries the answer buttons (Going, Maybe, Can't, Bring a case) where the platform has buttons.
        return Reply.Of(new OutboundMessage(context.Say(
            "reply.session.scheduled", ("number", number), ("when", context.ShowTime(when)), ("about", about), ("protocol", protocol.Name)))
        { RsvpFor = number });
    }
}
