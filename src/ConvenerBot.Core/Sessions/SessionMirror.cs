using ConvenerBot.Core.Calendar;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Sessions;

/// <summary>
/// Keeps a session's event in the platform's own calendar (a Discord server's scheduled events) in step with
/// the session. Every change of a session's time or status (scheduled, by a command or a series; cancelled;
/// started; ended; missed; its space opened) writes due work <see cref="WorkKind"/> (the session as subject,
/// due at once; one row per session, rewritten) in the change's own transaction, so the event follows after a
/// restart and on whichever instance runs. The work hands the session as it is then to the group's gateway
/// (<see cref="IConversationGateway.MirrorSessionAsync"/>) with the event kept so far, and keeps what comes
/// back. Platforms without a calendar do nothing.
/// <para>
/// A refusal (the bot lacks the platform's permission) is said in the group once, and said again only after
/// an event went through in between; the sessions go on without events. A failure worth retrying throws, so
/// the due work tries again later.
/// </para>
/// </summary>
public sealed class SessionMirror(IConvenerStore store, ConversationGateways gateways, GroupNotices notices, ProtocolCatalog protocols) : IDueWorkHandler
{
    public const string WorkKind = "session-mirror";

    public string Kind => WorkKind;

    /// <summary>Written with every change of a session's time or status: its event is brought in step, due at once.</summary>
    public static async Task WriteAsync(IStoreTransaction transaction, Session session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(session);
        await transaction.DueWork.ReplaceForSessionAsync(WorkKind, session, now, cancellationToken);
    }

    public async Task<DateTimeOffset?> HandleAsync(DueWork work, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (work.GroupId is not { } groupId || work.SubjectId is not { } sessionId)
        {
            return null;
        }

        Groups.Group? group;
        Session? session;
        MirroredEvent? current;
        await using (var transaction = await store.BeginReadAsync(cancellationToken))
        {
            group = await transaction.Groups.FindByIdAsync(groupId, cancellationToken);
            session = await transaction.Sessions.FindByIdAsync(groupId, sessionId, forUpdate: false, cancellationToken);
            current = session is null ? null : await transaction.Sessions.FindEventAsync(sessionId, cancellationToken);
        }

        // A group the bot was removed from has no calendar it may write to; its next change once it is back brings the event in step.
        if (group is not { Active: true } || session is null || gateways.Find(group.Platform) is not { } gateway)
        {
            return null;
        }

        // An event is made only for a session still ahead; one that moved on before its event was made gets none.
        if (current is null && (session.Status is not SessionStatus.Scheduled || session.ScheduledAt <= now))
        {
            return null;
        }

        var shown = new SessionEvent(
            session.Number,
            MessageCatalog.Default.Render(group.Language, "calendar.event.summary", ("group", group.Title), ("number", session.Number)),
            session.ScheduledAt,
            session.ScheduledAt + CalendarFeeds.Length(protocols, session.ProtocolKey),
            session.Status,
            session.Space);
        var result = await gateway.MirrorSessionAsync(new ConversationRef(group.Platform, group.ExternalId), shown, current, cancellationToken);
        switch (result)
        {
            case EventResult.Mirrored mirrored:
                await using (var transaction = await store.BeginAsync(cancellationToken))
                {
                    if (mirrored.Event != current)
                    {
                        await transaction.Sessions.SaveEventAsync(sessionId, mirrored.Event, now, cancellationToken);
                    }

                    await transaction.Groups.ClearEventsRefusedAsync(groupId, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }

                return null;
            case EventResult.NotAllowed refused:
                await TellRefusedAsync(group, refused, now, cancellationToken);
                return null;
            case EventResult.Failed failed:
                throw new InvalidOperationException($"The event of session #{sessionId} could not be brought in step yet: {failed.Reason}");
            default:
                // No calendar on this platform, the channel is gone, or the platform would not take this event: nothing to keep.
                return null;
        }
    }

    /// <summary>Tells the group once that the platform does not let the bot make events; a notice that did not go out is told next time.</summary>
    private async Task TellRefusedAsync(Groups.Group group, EventResult.NotAllowed refused, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var transaction = await store.BeginAsync(cancellationToken))
        {
            var first = await transaction.Groups.NoteEventsRefusedAsync(group.Id, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (!first)
            {
                return;
            }
        }

        var text = MessageCatalog.Default.Render(group.Language, refused.NoticeKey);
        if (await notices.TryPostAsync(group, new OutboundMessage(text), cancellationToken) is not PostResult.Delivered)
        {
            await using var transaction = await store.BeginAsync(cancellationToken);
            await transaction.Groups.ClearEventsRefusedAsync(group.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
