using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Protocols;

namespace ConvenerBot.Core.Calendar;

/// <summary>
/// One session as an .ics file (<c>session-N.ics</c>), with the same UID and SEQUENCE as the group's feed. The
/// answer carries the calendar; each chat hands it over in its own way (a document on Telegram, an attachment on
/// Discord, a file written and its path printed in the terminal chat).
/// </summary>
public sealed class SessionCalendarHandler(ProtocolCatalog protocols) : ICommandHandler<SessionCalendarCommand>
{
    public async Task<Reply> HandleAsync(SessionCalendarCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var session = await context.Store.Calendars.FindSessionAsync(context.Group.Id, command.Number, cancellationToken)
            ?? throw new ConvenerRuleException("rule.session.not-found", ("number", command.Number));
        var calendar = new CalendarFeed(context.Group.Title, context.Group.TimeZone, [CalendarFeeds.Event(context.Group, session, protocols)])
        {
            FileName = FileName(session.Number),
        };
        return Reply.Of(new OutboundMessage(context.Say("reply.session.ics", ("number", session.Number))) { Calendar = calendar });
    }

    /// <summary>The file's name: a session's time and number are not confidential, and the number is what members use.</summary>
    public static string FileName(int number) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"session-{number}.ics");
}
