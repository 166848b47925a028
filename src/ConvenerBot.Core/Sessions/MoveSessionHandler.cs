using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Scheduling;

namespace ConvenerBot.Core.Sessions;

/// <summary>
/// <c>/session move ID WHEN</c>: gives a scheduled session (of a series or not) another time, read as
/// <c>/session schedule</c> reads it. Its reminders and start work are written again for the new time, its
/// answers are kept, and calendars see a new revision.
/// </summary>
public sealed class MoveSessionHandler : ICommandHandler<MoveSessionCommand>
{
    public async Task<Reply> HandleAsync(MoveSessionCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        context.Require(Role.Facilitator, Text.Phrase.Of("action.sessions.move"));
        var session = await context.RequireSessionAsync(command.Number, forUpdate: true, cancellationToken);
        var from = await MoveAsync(context, session, command.When, cancellationToken);
        return Reply.Text(context.Say(
            "reply.session.moved", ("number", session.Number), ("when", context.ShowTime(session.ScheduledAt)), ("from", context.ShowTime(from))));
    }

    /// <summary>
    /// Moves a session (locked for update) to the time <paramref name="when"/> names, in the open transaction: only a
    /// scheduled session, only to a time ahead that differs from its own. Its reminders and start notice are removed
    /// and written again as scheduling writes them, and who was reminded privately is forgotten, so members are
    /// reminded of the new time; a session of a series keeps the time its rule planned, so that occurrence is never
    /// created again. Also how <c>/series move</c> moves one of a series' sessions. Returns the time it had.
    /// </summary>
    public static async Task<DateTimeOffset> MoveAsync(CommandContext context, Session session, string when, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(session);
        session.RequireMovable();
        var at = GroupClock.ParseFuture(when, context.Group.TimeZone, context.Now, context.Language);
        var from = session.ScheduledAt;
        if (at == from)
        {
            throw new ConvenerRuleException("rule.session.move-same", ("number", session.Number), ("when", context.ShowTime(at)));
        }

        session.MoveTo(at);
        var store = context.Store;
        await store.Sessions.SaveAsync(session, cancellationToken);
        await SessionReminders.RemoveAsync(store, session, cancellationToken);
        await SessionReminders.ScheduleAsync(store, session, context.Now, cancellationToken);
        await SessionStarts.RemoveAsync(store, session, cancellationToken);
        await SessionStarts.ScheduleAsync(store, session, context.Now, cancellationToken);
        // The platform's own calendar (a Discord server event) follows the new time.
        await SessionMirror.WriteAsync(store, session, context.Now, cancellationToken);
        await store.Rsvps.ForgetRemindedAsync(session.Id, cancellationToken);
        return from;
    }
}
