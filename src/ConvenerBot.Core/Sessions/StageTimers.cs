using System.Globalization;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Groups;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Sessions;

/// <summary>
/// The timer of a running session's current stage: due when the stage's suggested minutes are up, written
/// in the transaction that starts the session or moves it to the stage, rewritten by <c>/extend</c>, and
/// removed when the session moves on or ends. When it falls due the group is told once, in the session's
/// space, with Next and Extend buttons (Extend and End at the last stage); a group with auto-advance on
/// has the session moved to the next stage instead, and its prompt posted, except at the last stage.
/// </summary>
public sealed class StageTimers(IConvenerStore store, ProtocolCatalog protocols, GroupNotices notices) : IDueWorkHandler
{
    public const string WorkKind = "stage-timer";

    public string Kind => WorkKind;

    /// <summary>Replaces the session's timer with one for its current stage, due in <paramref name="minutes"/>.</summary>
    public static async Task SetAsync(IStoreTransaction transaction, Session session, int minutes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(session);
        await ClearAsync(transaction, session, cancellationToken);
        var payload = session.StageIndex!.Value.ToString(CultureInfo.InvariantCulture);
        await transaction.DueWork.AddAsync(new DueWork(0, session.GroupId, WorkKind, session.Id, payload, now.AddMinutes(minutes), now), cancellationToken);
    }

    /// <summary>Removes the session's timer (it moved on, or ended).</summary>
    public static Task ClearAsync(IStoreTransaction transaction, Session session, CancellationToken cancellationToken)
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
        await using (var transaction = await store.BeginReadAsync(cancellationToken))
        {
            if (work.GroupId is not { } groupId || await transaction.Groups.FindByIdAsync(groupId, cancellationToken) is not { Active: true } found
                || await transaction.Sessions.FindRunningAsync(groupId, forUpdate: false, cancellationToken) is not { } running
                || !IsFor(running, work))
            {
                // The session moved on or ended in the meantime.
                return null;
            }

            group = found;
            session = running;
        }

        var protocol = protocols.Get(session.ProtocolKey);
        var index = session.StageIndex!.Value;
        var last = index == protocol.Stages.Count - 1;
        if (group.Settings.AutoAdvance && !last)
        {
            await AdvanceAsync(group, session, work, protocol, now, cancellationToken);
            return null;
        }

        var text = MessageCatalog.Default.Render(
            group.Language, last ? "timer.last-stage-up" : "timer.stage-up",
            ("number", session.Number), ("stage", index + 1), ("title", protocol.Stages[index].Title));
        StageAction[] actions = last ? [StageAction.Extend, StageAction.End] : [StageAction.Next, StageAction.Extend];
        await notices.PostAsync(group, new OutboundMessage(text, Actions: actions, Stage: new StageRef(session.Number, index + 1)), session, cancellationToken);
        return null;
    }

    /// <summary>Moves the session to its next stage, as the group asked, and posts that stage's prompt in the session's space.</summary>
    private async Task AdvanceAsync(Group group, Session session, DueWork work, Protocol protocol, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var transaction = await store.BeginAsync(cancellationToken))
        {
            if (await transaction.Sessions.FindRunningAsync(group.Id, forUpdate: true, cancellationToken) is not { } locked || !IsFor(locked, work))
            {
                return;
            }

            session = locked;
            var stage = session.MoveNext(protocol, now);
            await transaction.Sessions.SaveAsync(session, cancellationToken);
            await SetAsync(transaction, session, stage.Minutes, now, cancellationToken);
            await StageButtons.RetireAsync(transaction, session, now, cancellationToken);
            var theCase = session.CaseId is { } caseId ? await transaction.Cases.FindByIdAsync(group.Id, caseId, cancellationToken) : null;

            // The prompt goes out through the outbox, written with the move: a stage moved to is never left unannounced.
            var prompt = StagePrompt.Render(session, protocol, theCase, group.Language);
            await Outbox.WriteAsync(transaction, group.Id, new OutboxPost([prompt], null, session.Space, null, group.Language, Private: false), now, heldBy: null, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Whether the timer is still the one of the session's current stage.</summary>
    private static bool IsFor(Session session, DueWork work) =>
        session.Id == work.SubjectId && session.StageIndex?.ToString(CultureInfo.InvariantCulture) == work.Payload;
}
