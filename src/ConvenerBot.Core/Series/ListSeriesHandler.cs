using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Scheduling;
using NodaTime;

namespace ConvenerBot.Core.Series;

public sealed class ListSeriesHandler(ISeriesOccurrences occurrences) : ICommandHandler<ListSeriesCommand>
{
    public async Task<Reply> HandleAsync(ListSeriesCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var all = await context.Store.Series.ListAsync(context.Group.Id, cancellationToken);
        if (all.Count == 0)
        {
            return Reply.Of(new OutboundMessage(context.Say("reply.series.none")));
        }

        var lines = all.Select(series =>
        {
            var next = Next(series, context.Now);
            var status = context.Say(series.Status is SeriesStatus.Active ? "status.series.active" : "status.series.paused");
            return next is { } at
                ? context.Say("reply.series.item", ("number", series.Number), ("rule", series.Typed), ("status", status), ("next", context.ShowTime(at)))
                : context.Say("reply.series.item.done", ("number", series.Number), ("rule", series.Typed), ("status", status));
        });
        return Reply.Of(new OutboundMessage(context.Say("reply.series.list", ("series", string.Join('\n', lines)))));
    }

    private DateTimeOffset? Next(SessionSeries series, DateTimeOffset now)
    {
        if (SeriesRule.FromRRule(series.RRule, series.WallTime) is not { } rule)
        {
            return null;
        }

        var zone = GroupClock.FindZone(series.TimeZone) ?? DateTimeZone.Utc;
        var next = occurrences.After(rule, zone, series.FirstDay, Instant.FromDateTimeOffset(now)).Take(1).ToList();
        return next.Count == 0 ? null : next[0].ToDateTimeOffset();
    }
}
