using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Core.Calendar;

/// <summary>
/// Shows the group's calendar feed address to an organizer (making a token the first time) or gives the
/// group a new one, after which the old address answers 404. The address is a secret: it is only ever
/// sent privately. Without <see cref="ConvenerOptions.CalendarBaseUrl"/> no feed is served, and nothing is made.
/// </summary>
public sealed class CalendarHandler(ConvenerOptions options) : ICommandHandler<CalendarCommand>
{
    public async Task<Reply> HandleAsync(CalendarCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        context.Require(Members.Role.Organizer, Text.Phrase.Of("action.calendar.show"));
        if (string.IsNullOrWhiteSpace(options.CalendarBaseUrl))
        {
            throw new ConvenerRuleException("rule.calendar.not-served");
        }

        var token = command.Reset ? null : await context.Store.Calendars.FindTokenAsync(context.Group.Id, cancellationToken);
        if (token is null)
        {
            token = CalendarTokens.New();
            await context.Store.Calendars.SetTokenAsync(context.Group.Id, token, CalendarTokens.Hash(token), context.Now, cancellationToken);
        }

        var url = Address(options.CalendarBaseUrl, token);
        var text = command.Reset ? context.Say("reply.calendar.reset", ("url", url)) : context.Say("reply.calendar.show", ("url", url));
        return Reply.Of(new OutboundMessage(text) { Confidential = true });
    }

    /// <summary>The feed's address under the public base address: <c>{base}/calendar/{token}.ics</c>.</summary>
    public static string Address(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/calendar/{token}.ics";
}
