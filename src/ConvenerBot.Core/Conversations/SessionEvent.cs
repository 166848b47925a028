using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Conversations;

/// <summary>
/// What a session's event in the platform's own calendar shows (see
/// <see cref="IConversationGateway.MirrorSessionAsync"/>). Its name is the group's title and the session's
/// number only: everyone in a Discord server sees its events, including people who cannot see the group's
/// channel, so no case title and no member's name is in it.
/// </summary>
/// <param name="Number">The session's number in its group.</param>
/// <param name="Name">The event's name, written in the group's language.</param>
/// <param name="Start">When the session is planned to start.</param>
/// <param name="End">When it is planned to end: the start and its protocol's length.</param>
/// <param name="Status">The session's status, which the event follows (a missed session's event is cancelled).</param>
/// <param name="Space">The session's space (a thread) once it has one, which the event links to; else the conversation.</param>
public sealed record SessionEvent(int Number, string Name, DateTimeOffset Start, DateTimeOffset End, SessionStatus Status, string? Space);

/// <summary>A session's event as the platform last took it: its id there and the status it was given.</summary>
public sealed record MirroredEvent(string Id, SessionStatus Status);

/// <summary>What the platform said to a session's event (see <see cref="IConversationGateway.MirrorSessionAsync"/>).</summary>
public abstract record EventResult
{
    private EventResult()
    {
    }

    /// <summary>The platform has no calendar, or mirroring is turned off: nothing was done and nothing is kept.</summary>
    public sealed record Unsupported : EventResult;

    /// <summary>The event shows the session now; null when there is none to keep (none was needed, or it is gone).</summary>
    public sealed record Mirrored(MirroredEvent? Event) : EventResult;

    /// <summary>The platform does not let the bot make or edit events here (a missing permission). Trying again will not help.</summary>
    /// <param name="NoticeKey">The catalog key of what the group is told (once): what the bot needs, in the platform's words.</param>
    public sealed record NotAllowed(string Reason, string NoticeKey) : EventResult;

    /// <summary>The conversation refuses the bot (it was removed, or the channel is gone): nothing to mirror into.</summary>
    public sealed record ConversationGone(string Reason) : EventResult;

    /// <summary>
    /// The platform would not take this event or change (a time it no longer accepts, an event someone else
    /// already ended). Trying again will not help; the event kept so far stays as it is.
    /// </summary>
    public sealed record Dropped(string Reason) : EventResult;

    /// <summary>The platform kept failing: trying again later may help.</summary>
    public sealed record Failed(string Reason) : EventResult;
}
