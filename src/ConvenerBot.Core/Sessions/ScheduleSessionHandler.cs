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
        var (protocol, theCase) = await PlanAsync(context, protocols, command.ProtocolKey, command.CaseNumber, cancellationToken);

        var number = await context.Store.Groups.NextSessionNumberAsync(context.Group.Id, cancellationToken);
        var session = await context.Store.Sessions.AddAsync(context.Group.Id, number, theCase?.Id, protocol.Key, when, context.Member.Id, context.Now, cancellationToken);
        await SessionReminders.ScheduleAsync(context.Store, session, context.Now, cancellationToken);
        await SessionStarts.ScheduleAsync(context.Store, session, context.Now, cancellationToken);
        await SessionMirror.WriteAsync(context.Store, session, context.Now, cancellationToken);
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

    /// <summary>
    /// The protocol a session (or a series' sessions) will follow and the case it is for, as named: an unknown
    /// protocol and a missing or withdrawn case are refused.
    /// </summary>
    internal static async Task<(Protocol Protocol, Case? Case)> PlanAsync(
        CommandContext context, ProtocolCatalog protocols, string? protocolKey, int? caseNumber, CancellationToken cancellationToken)
    {
        var protocol = protocols.Default;
        if (protocolKey is { } key)
        {
            protocol = protocols.Find(key)
                ?? throw new ConvenerRuleException(
                    "rule.protocol.unknown", ("key", Text.UserText.Shorten(key, 40)), ("known", string.Join(", ", protocols.All.Select(p => p.Key))));
        }

        Case? theCase = null;
        if (caseNumber is { } number)
        {
            theCase = await context.RequireCaseAsync(number, cancellationToken);
            if (theCase.Status is CaseStatus.Withdrawn)
            {
                throw new ConvenerRuleException("rule.case.withdrawn.schedule", ("number", theCase.Number));
            }
        }

        return (protocol, theCase);
    }
}
