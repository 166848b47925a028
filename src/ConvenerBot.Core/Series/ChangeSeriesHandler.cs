using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Series;

/// <summary>
/// <c>/series pause</c>, <c>resume</c> and <c>end</c>. Pausing stops creating sessions (those already scheduled
/// stay; cancel one with <c>/session cancel</c>); resuming creates what is missing ahead from now; ending cancels
/// the series' scheduled sessions, as <c>/session cancel</c> does, and stops it for good.
/// </summary>
public sealed class ChangeSeriesHandler(Scheduling.ISeriesOccurrences occurrences) : ICommandHandler<ChangeSeriesCommand>
{
    public async Task<Reply> HandleAsync(ChangeSeriesCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        context.Require(Role.Facilitator, Text.Phrase.Of("action.series.change"));
        var series = await RequireAsync(context, command.Number, cancellationToken);

        switch (command.Change)
        {
            case SeriesStatus.Paused when series.Status is SeriesStatus.Paused:
                throw new ConvenerRuleException("rule.series.already-paused", ("number", series.Number));
            case SeriesStatus.Active when series.Status is SeriesStatus.Active:
                throw new ConvenerRuleException("rule.series.not-paused", ("number", series.Number));
            case SeriesStatus.Active when await context.Store.Series.CountActiveAsync(context.Group.Id, cancellationToken) >= AddSeriesHandler.MaxActive:
                throw new ConvenerRuleException("rule.series.too-many", ("max", AddSeriesHandler.MaxActive));
        }

        await context.Store.DueWork.RemoveForSubjectAsync(SeriesAhead.WorkKind, series.Id, cancellationToken);
        await context.Store.Series.SetStatusAsync(series.Id, command.Change, cancellationToken);
        switch (command.Change)
        {
            case SeriesStatus.Active:
                var (_, next) = await SeriesAhead.FillAsync(context.Store, occurrences, series, context.Now, caseId: null, cancellationToken);
                if (next is { } dueAt)
                {
                    await SeriesAhead.ScheduleAsync(context.Store, series, dueAt, context.Now, cancellationToken);
                }

                return Reply.Text(context.Say("reply.series.resumed", ("number", series.Number)));
            case SeriesStatus.Ended:
                var cancelled = new List<string>();
                foreach (var number in await context.Store.Series.ListScheduledNumbersAsync(series.Id, cancellationToken))
                {
                    var session = await context.RequireSessionAsync(number, forUpdate: true, cancellationToken);
                    await CancelSessionHandler.CancelAsync(context.Store, session, context.Now, cancellationToken);
                    cancelled.Add(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                return Reply.Text(cancelled.Count == 0
                    ? context.Say("reply.series.ended", ("number", series.Number))
                    : context.Say("reply.series.ended.cancelled", ("number", series.Number), ("sessions", Text.WordList.And(cancelled))));
            default:
                return Reply.Text(context.Say("reply.series.paused", ("number", series.Number)));
        }
    }

    /// <summary>The group's series of that number, locked for a change; one that ended or never was is refused.</summary>
    internal static async Task<SessionSeries> RequireAsync(CommandContext context, int number, CancellationToken cancellationToken) =>
        await context.Store.Series.FindAsync(context.Group.Id, number, forUpdate: true, cancellationToken) is { Status: not SeriesStatus.Ended } series
            ? series
            : throw new ConvenerRuleException("rule.series.not-found", ("number", number));
}
