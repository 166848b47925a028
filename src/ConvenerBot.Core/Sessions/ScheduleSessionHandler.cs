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
        context.Require(Role.Facilitator, "schedule sessions");
        var when = GroupClock.ParseFuture(command.When, context.Group.TimeZone, context.Now);
        var protocol = protocols.Default;
        if (command.ProtocolKey is { } key)
        {
            protocol = protocols.Find(key)
                ?? throw new ConvenerRuleException($"There is no protocol '{Text.UserText.Shorten(key, 40)}'. Known protocols: {string.Join(", ", protocols.All.Select(p => p.Key))} (see /protocols).");
        }

        Case? theCase = null;
        if (command.CaseNumber is { } caseNumber)
        {
            theCase = await context.RequireCaseAsync(caseNumber, cancellationToken);
            if (theCase.Status is CaseStatus.Withdrawn)
            {
                throw new ConvenerRuleException($"Case {theCase.Number} was withdrawn and cannot be scheduled.");
            }
        }

        var number = await context.Store.Groups.NextSessionNumberAsync(context.Group.Id, cancellationToken);
        await context.Store.Sessions.AddAsync(context.Group.Id, number, theCase?.Id, protocol.Key, when, context.Member.Id, context.Now, cancellationToken);
        if (theCase is { Status: CaseStatus.Open })
        {
            await context.Store.Cases.SetStatusAsync(theCase.Id, CaseStatus.Scheduled, cancellationToken);
        }

        var about = theCase is null
            ? "no case yet (choose one when starting: /session start " + number + " case CASE)"
            : $"case {theCase.Number}, {theCase.Title} (holder {theCase.HolderName})";
        return Reply.Text($"Saved: session {number} on {context.ShowTime(when)}, {about}, following {protocol.Name}.");
    }
}
