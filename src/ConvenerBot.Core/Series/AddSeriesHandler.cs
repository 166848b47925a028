using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Scheduling;

namespace ConvenerBot.Core.Series;

public sealed class AddSeriesHandler(ProtocolCatalog protocols, ISeriesOccurrences occurrences) : ICommandHandler<AddSeriesCommand>
{
    /// <summary>The most active series a group may have.</summary>
    public const int MaxActive = 20;

    public async Task<Reply> HandleAsync(AddSeriesCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        context.Require(Role.Facilitator, Text.Phrase.Of("action.series.add"));
        var (rule, first) = GroupClock.ParseSeries(command.Rule, context.Group.TimeZone, context.Now, occurrences, context.Language);
        if (await context.Store.Series.CountActiveAsync(context.Group.Id, cancellationToken) >= MaxActive)
        {
            throw new ConvenerRuleException("rule.series.too-many", ("max", MaxActive));
        }

        var (protocol, theCase) = await Sessions.ScheduleSessionHandler.PlanAsync(context, protocols, command.ProtocolKey, command.CaseNumber, cancellationToken);

        var series = await context.Store.Series.AddAsync(
            context.Group.Id, command.Rule.Trim(), rule.ToRRule(), context.Group.TimeZone, rule.Time, first.Date, theCase?.Id, protocol.Key,
            context.Member.Id, context.Now, cancellationToken);
        var (created, next) = await SeriesAhead.FillAsync(context.Store, occurrences, series, context.Now, theCase?.Id, cancellationToken);
        if (next is { } dueAt)
        {
            await SeriesAhead.ScheduleAsync(context.Store, series, dueAt, context.Now, cancellationToken);
        }

        if (theCase is { Status: CaseStatus.Open })
        {
            await context.Store.Cases.SetStatusAsync(theCase.Id, CaseStatus.Scheduled, cancellationToken);
        }

        var sessions = Text.WordList.And([.. created.Select(s => context.Say("reply.series.session", ("number", s.Number), ("when", context.ShowTime(s.ScheduledAt))))]);
        return Reply.Of(new OutboundMessage(context.Say(
            "reply.series.added", ("number", series.Number), ("rule", series.Typed), ("protocol", protocol.Name), ("sessions", sessions))));
    }
}
