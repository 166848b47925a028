using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Series;

/// <summary>
/// <c>/series move ID DATE WHEN</c>: moves the series' scheduled session on that day (found as <c>/series skip</c>
/// finds it) to another time, as <c>/session move</c> does. The occurrence stays taken, so the series neither
/// creates it again nor changes its other sessions.
/// </summary>
public sealed class MoveSeriesSessionHandler : ICommandHandler<MoveSeriesSessionCommand>
{
    public async Task<Reply> HandleAsync(MoveSeriesSessionCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        context.Require(Role.Facilitator, Text.Phrase.Of("action.sessions.move"));
        var series = await ChangeSeriesHandler.RequireAsync(context, command.Number, cancellationToken);
        var (session, _) = await SkipSeriesHandler.RequireSessionOnAsync(context, series, command.Date, "rule.series.no-session-to-move", cancellationToken);
        var from = await MoveSessionHandler.MoveAsync(context, session, command.When, cancellationToken);
        return Reply.Text(context.Say(
            "reply.series.moved",
            ("number", series.Number), ("session", session.Number), ("when", context.ShowTime(session.ScheduledAt)), ("from", context.ShowTime(from))));
    }
}
