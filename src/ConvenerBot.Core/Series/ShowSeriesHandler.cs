using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Scheduling;
using NodaTime;

namespace ConvenerBot.Core.Series;

public sealed class ShowSeriesHandler(ProtocolCatalog protocols, ISeriesOccurrences occurrences) : ICommandHandler<ShowSeriesCommand>
{
    /// <summary>How many coming dates a series shows.</summary>
    public const int DatesShown = 5;

    public async Task<Reply> HandleAsync(ShowSeriesCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var series = await context.Store.Series.FindAsync(context.Group.Id, command.Number, forUpdate: false, cancellationToken);
        if (series is null or { Status: SeriesStatus.Ended })
        {
            throw new ConvenerRuleException("rule.series.not-found", ("number", command.Number));
        }

        var rule = SeriesRule.FromRRule(series.RRule, series.WallTime)
            ?? throw new InvalidOperationException($"Series {series.Id} holds a rule it cannot read: {series.RRule}");
        var zone = GroupClock.FindZone(series.TimeZone) ?? DateTimeZone.Utc;
        var dates = occurrences.After(rule, zone, series.FirstDay, Instant.FromDateTimeOffset(context.Now)).Take(DatesShown)
            .Select(at => GroupClock.Format(at.ToDateTimeOffset(), series.TimeZone)).ToList();
        var status = context.Say(series.Status is SeriesStatus.Active ? "status.series.active" : "status.series.paused");
        var protocol = protocols.Find(series.ProtocolKey)?.Name ?? series.ProtocolKey;
        return Reply.Of(new OutboundMessage(dates.Count == 0
            ? context.Say("reply.series.show.done", ("number", series.Number), ("words", rule.Words()), ("status", status), ("protocol", protocol))
            : context.Say(
                "reply.series.show", ("number", series.Number), ("words", rule.Words()), ("status", status), ("protocol", protocol),
                ("rule", series.Typed), ("rrule", series.RRule), ("dates", string.Join('\n', dates)))));
    }
}
