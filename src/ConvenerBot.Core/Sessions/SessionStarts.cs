using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Groups;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Sessions;

/// <summary>
/// A scheduled session at its time. Scheduling writes two pieces of due work with the session: its start
/// notice, due at its time, and its missed check, due at the shortest grace period after it (which waits on
/// to the group's own grace period). Starting or cancelling the session removes both in that transaction.
/// At its time the group is told the session is starting and its facilitator gets a Start button; a group
/// with auto-start on has the session started by itself instead, in the name of the member who scheduled
/// it. A session nobody started within the group's grace period becomes missed, and the group is told once.
/// </summary>
/// <remarks>
/// Lateness: a notice or an auto-start that comes more than the grace period late (the bot was down) starts
/// nothing and tells that the session was missed; one more than a day later still marks it missed but tells
/// no one about a day long gone. A notice for a session that has started, been cancelled or missed is dropped.
/// A process that dies between posting and removing the row posts the notice again once its claim runs out.
/// </remarks>
public sealed class SessionStarts(IConvenerStore store, ProtocolCatalog protocols, GroupNotices notices) : IDueWorkHandler
{
    public const string WorkKind = "session-start";

    private const string Notice = "notice";
    private const string MissedCheck = "missed";

    /// <summary>A session missed longer ago than this is marked missed without a word.</summary>
    private static readonly TimeSpan QuietAfter = TimeSpan.FromDays(1);

    public string Kind => WorkKind;

    /// <summary>Writes a newly scheduled session's start notice and missed check.</summary>
    public static async Task ScheduleAsync(IStoreTransaction transaction, Session session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(session);
        await transaction.DueWork.AddAsync(new DueWork(0, session.GroupId, WorkKind, session.Id, Notice, session.ScheduledAt, now), cancellationToken);
        var check = session.ScheduledAt + TimeSpan.FromMinutes(GroupSettings.MinGraceMinutes);
        await transaction.DueWork.AddAsync(new DueWork(0, session.GroupId, WorkKind, session.Id, MissedCheck, check, now), cancellationToken);
    }

    /// <summary>Removes a session's start notice and missed check (it was started or cancelled).</summary>
    public static Task RemoveAsync(IStoreTransaction transaction, Session session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(session);
        return transaction.DueWork.RemoveForSubjectAsync(WorkKind, session.Id, cancellationToken);
    }

    public async Task<DateTimeOffset?> HandleAsync(DueWork work, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        Group group;
        Session session;
        Case? theCase;
        await using (var transaction = await store.BeginReadAsync(cancellationToken))
        {
            if (work.GroupId is not { } groupId || work.SubjectId is not { } sessionId
                || await transaction.Groups.FindByIdAsync(groupId, cancellationToken) is not { } found
                || await transaction.Sessions.FindByIdAsync(groupId, sessionId, forUpdate: false, cancellationToken) is not { Status: SessionStatus.Scheduled } scheduled)
            {
                // Started, cancelled or missed meanwhile: nothing to say.
                return null;
            }

            group = found;
            session = scheduled;
            theCase = session.CaseId is { } caseId ? await transaction.Cases.FindByIdAsync(groupId, caseId, cancellationToken) : null;
        }

        if (!group.Active && now < session.ScheduledAt + group.Settings.Grace)
        {
            // The bot was removed from the chat: the start waits until the group is back or the session is missed.
            return now + SessionReminders.InactivePause;
        }

        var missedAt = session.ScheduledAt + group.Settings.Grace;
        if (now < missedAt && work.Payload == MissedCheck)
        {
            // The group's grace period is longer than the shortest one: look again when it is over.
            return missedAt;
        }

        if (now >= missedAt)
        {
            await MissAsync(group, session, now, cancellationToken);
        }
        else if (group.Settings.AutoStart)
        {
            await AutoStartAsync(group, session, now, cancellationToken);
        }
        else
        {
            var about = theCase is null
                ? Phrase.Of("label.no-case-yet")
                : Phrase.Of("reply.sessions.case", ("number", theCase.Number), ("title", UserText.Shorten(theCase.Title, 80)));
            var text = MessageCatalog.Default.Render(group.Language, "start.notice", ("number", session.Number), ("about", about));
            await notices.PostAsync(group, new OutboundMessage(text, Actions: [StageAction.Start], Stage: new StageRef(session.Number, 1)), null, cancellationToken);
        }

        return null;
    }

    /// <summary>Marks the session missed (its case is free again for another session) and tells the group once.</summary>
    private async Task MissAsync(Group group, Session session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var transaction = await store.BeginAsync(cancellationToken))
        {
            if (await transaction.Sessions.FindByIdAsync(group.Id, session.Id, forUpdate: true, cancellationToken) is not { Status: SessionStatus.Scheduled } locked)
            {
                return;
            }

            locked.MarkMissed();
            await transaction.Sessions.SaveAsync(locked, cancellationToken);
            await SessionReminders.RemoveAsync(transaction, locked, cancellationToken);
            await RemoveAsync(transaction, locked, cancellationToken);
            await SessionMirror.WriteAsync(transaction, locked, now, cancellationToken);
            if (locked.CaseId is { } caseId
                && (await transaction.Sessions.ListScheduledForCaseAsync(caseId, cancellationToken)).Count == 0
                && await transaction.Cases.FindByIdAsync(group.Id, caseId, cancellationToken) is { Status: CaseStatus.Scheduled })
            {
                await transaction.Cases.SetStatusAsync(caseId, CaseStatus.Open, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (now - (session.ScheduledAt + group.Settings.Grace) > QuietAfter)
        {
            return;
        }

        var text = MessageCatalog.Default.Render(
            group.Language, "start.missed",
            ("number", session.Number), ("when", Scheduling.GroupClock.Format(session.ScheduledAt, group.TimeZone)), ("minutes", group.Settings.GraceMinutes));
        await notices.PostAsync(group, new OutboundMessage(text), null, cancellationToken);
    }

    /// <summary>
    /// Starts the session as the group asked, in the name of the member who scheduled it (its facilitator;
    /// only the case holder is counted present), then posts the start message, which opens the session's
    /// space, and the first stage's prompt in that space. What cannot start is said instead.
    /// </summary>
    private async Task AutoStartAsync(Group group, Session session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var protocol = protocols.Get(session.ProtocolKey);
        Phrase? refused = null;
        await using (var transaction = await store.BeginAsync(cancellationToken))
        {
            if (await transaction.Sessions.FindByIdAsync(group.Id, session.Id, forUpdate: true, cancellationToken) is not { Status: SessionStatus.Scheduled } locked)
            {
                return;
            }

            session = locked;
            try
            {
                if (await transaction.Sessions.FindRunningAsync(group.Id, forUpdate: true, cancellationToken) is { } running)
                {
                    throw new ConvenerRuleException("rule.session.other-running", ("number", running.Number));
                }

                var facilitator = session.ScheduledBy ?? throw new InvalidOperationException($"Session row {session.Id} has no scheduler.");
                var theCase = await SessionStart.BeginAsync(transaction, session, facilitator, present: null, protocol, now, cancellationToken);

                // The start message (which opens the session's space) and the first prompt are posted from the
                // outbox, written with the start: a session started is never left without its prompt.
                var messages = SessionStart.Messages(session, protocol, theCase, group.Language);
                await Outbox.WriteAsync(transaction, group.Id, new OutboxPost(messages, null, session.Space, null, group.Language, Private: false), now, heldBy: null, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (ConvenerRuleException ex)
            {
                refused = ex.Phrase;
            }
        }

        if (refused is not null)
        {
            var text = MessageCatalog.Default.Render(group.Language, "start.auto-refused", ("number", session.Number), ("reason", refused));
            await notices.PostAsync(group, new OutboundMessage(text), null, cancellationToken);
        }
    }
}
