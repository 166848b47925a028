using ConvenerBot.Core.Commands;

namespace ConvenerBot.Core.Conversations;

/// <summary>
/// One message to post. <see cref="MessageFormat.Plain"/> text is shown verbatim (adapters escape it for
/// their markup); <see cref="MessageFormat.Markdown"/> text is already escaped CommonMark.
/// </summary>
/// <param name="Actions">Stage actions to offer under the message (buttons where the platform has them).</param>
/// <param name="Stage">Set on a stage prompt: which stage it opens, so replies and buttons can refer to it.</param>
/// <param name="OpensSpace">Set on the message that starts a session: a title for a space of its own
/// (a forum topic or thread) where the platform has them.</param>
public sealed record OutboundMessage(
    string Text,
    MessageFormat Format = MessageFormat.Plain,
    IReadOnlyList<StageAction>? Actions = null,
    StageRef? Stage = null,
    string? OpensSpace = null)
{
    /// <summary>Why the message is sent; platforms show acknowledgements and echoes in their own way.</summary>
    public MessagePurpose Purpose { get; init; }

    /// <summary>
    /// On a stage prompt: the contributions this stage takes, in the order to offer them (platforms with
    /// forms offer a button per verb that opens one, see <see cref="ButtonCode.Contribute"/>).
    /// </summary>
    public IReadOnlyList<ContributionVerb>? Contributions { get; init; }

    /// <summary>Set on one page of a long listing; platforms with buttons offer the pages around it.</summary>
    public PageRef? Page { get; init; }

    /// <summary>
    /// True when the message holds what was said in a session and is meant only for the member who asked
    /// (a summary asked for with /summary). Platforms that cannot show a message to one member inside the
    /// group send it to the member's private chat, or say how to open one; never to the whole group.
    /// </summary>
    public bool Confidential { get; init; }

    /// <summary>
    /// On a message that opens a space (<see cref="OpensSpace"/>): the number of the session it is for. Whoever
    /// posts it records the space the platform opened (<see cref="IConvener.RecordSpaceAsync"/>), so later
    /// posts about the session land there.
    /// </summary>
    public int? SpaceSession { get; init; }

    /// <summary>
    /// The number of a scheduled session members can answer for under this message (its card, its reminders):
    /// platforms with buttons offer Going, Maybe, Can't and Bring a case (see <see cref="RsvpButtonCode"/>).
    /// </summary>
    public int? RsvpFor { get; init; }

    /// <summary>True on the message that closes a session (its summary follows): platforms may archive the session's space.</summary>
    public bool ClosesSpace { get; init; }

    /// <summary>
    /// The session's stored space (<see cref="Sessions.Session.Space"/>) on a message that belongs there wherever
    /// the command was given: an echo of a contribution and the message that closes the session. Adapters that
    /// post these themselves put them there (and archive it on <see cref="ClosesSpace"/>), also after a restart,
    /// when nothing but the store remembers the space. Null when the session has none.
    /// </summary>
    public string? Space { get; init; }

    /// <summary>
    /// A calendar to hand over as an .ics file with the message (<c>/session ics</c>), written through
    /// <see cref="Calendar.ICalendarFiles"/>: Telegram sends it as a document, Discord as an attachment, the terminal
    /// chat writes the file and prints its path.
    /// </summary>
    public Calendar.CalendarFeed? Calendar { get; init; }
}
