using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Scheduling;
using ConvenerBot.Core.Sessions;
using NodaTime;
using NodaTime.Text;

namespace ConvenerBot.Core.Series;

/// <summary>
/// <c>/series skip ID DATE</c>: cancels the series' scheduled session on that day (in the series' zone) as
/// <c>/session cancel</c> does, so its reminders and start work go with it; the occurrence is never created again,
/// and the next one is created so that two sessions still lie ahead.
/// </summary>
public sealed class SkipSeriesHandler(ISeriesOccurrences occurrences) : ICommandHandler<SkipSeriesCommand>
{
    private static readonly LocalDatePattern Day = LocalDatePattern.CreateWithInvariantCulture("uuuu-MM-dd");

    public async Task<Reply> HandleAsync(SkipSeriesCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        context.Require(Role.Facilitator, Text.Phrase.Of("action.series.change"));
        var series = await ChangeSeriesHandler.RequireAsync(context, command.Number, cancellationToken);

        var (session, day) = await RequireSessionOnAsync(context, series, command.Date, "rule.series.no-session-on", cancellationToken);
        await CancelSessionHandler.CancelAsync(context.Store, session, context.Now, cancellationToken);
        if (series.Status is SeriesStatus.Active)
        {
            await context.Store.DueWork.RemoveForSubjectAsync(SeriesAhead.WorkKind, series.Id, cancellationToken);
            var (_, next) = await SeriesAhead.FillAsync(context.Store, occurrences, series, context.Now, caseId: null, cancellationToken);
            if (next is { } dueAt)
            {
                await SeriesAhead.ScheduleAsync(context.Store, series, dueAt, context.Now, cancellationToken);
            }
        }

        return Reply.Text(context.Say("reply.series.skipped", ("number", series.Number), ("session", session.Number), ("date", Day.Format(day))));
    }

    /// <summary>
    /// The series' scheduled session (locked for update) on the day <paramref name="date"/> names, in the series'
    /// zone; an unreadable day is refused, and a day without one with <paramref name="noneKey"/> (number, date).
    /// </summary>
    internal static async Task<(Session Session, LocalDate Day)> RequireSessionOnAsync(
        CommandContext context, SessionSeries series, string date, string noneKey, CancellationToken cancellationToken)
    {
        if (Day.Parse(date.Trim()) is not { Success: true } parsed)
        {
            throw new ConvenerRuleException("rule.series.bad-date", ("date", Text.UserText.Shorten(date, 20)));
        }

        var zone = GroupClock.FindZone(series.TimeZone) ?? DateTimeZone.Utc;
        foreach (var number in await context.Store.Series.ListScheduledNumbersAsync(series.Id, cancellationToken))
        {
            var candidate = await context.RequireSessionAsync(number, forUpdate: true, cancellationToken);
            if (Instant.FromDateTimeOffset(candidate.ScheduledAt).InZone(zone).Date == parsed.Value)
            {
                return (candidate, parsed.Value);
            }
        }

        throw new ConvenerRuleException(noneKey, ("number", series.Number), ("date", Day.Format(parsed.Value)));
    }
}
