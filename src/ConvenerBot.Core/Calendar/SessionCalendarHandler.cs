using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Protocols;

namespace ConvenerBot.Core.Calendar;

/// <summary>
/// One session as an .ics file, with the same UID and SEQUENCE as the group's feed. Only the terminal chat
/// hands files over so far (it writes the file and prints its path); on the platforms the command says so.
/// </summary>
public sealed class SessionCalendarHandler(ProtocolCatalog protocols) : ICommandHandler<SessionCalendarCommand>
{
    public async Task<Reply> HandleAsync(SessionCalendarCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Kind is not ConversationKind.Local)
        {
            throw new ConvenerRuleException("rule.session.ics.not-here");
        }

        var session = await context.Store.Calendars.FindSessionAsync(context.Group.Id, command.Number, cancellationToken)
            ?? throw new ConvenerRuleException("rule.session.not-found", ("number", command.Number));
        var calendar = new CalendarFeed(context.Group.Title, context.Group.TimeZone, [CalendarFeeds.Event(context.Group, session, protocols)]);
        return Reply.Of(new OutboundMessage(context.Say("reply.session.ics", ("number", session.Number))) { Calendar = calendar });
    }
}
