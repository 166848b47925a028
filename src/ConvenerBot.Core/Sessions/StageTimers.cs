using System.Globalization;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Sessions;

/// <summary>
/// The timer of a running session's current stage: due when the stage's suggested minutes are up, written
/// in the transaction that starts the session or moves it to the stage, rewritten by <c>/extend</c>, and
/// removed when the session moves on or ends. When it falls due the facilitator is told once, in the group.
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
        Groups.Group group;
        string text;
        await using (var transaction = await store.BeginReadAsync(cancellationToken))
        {
            if (work.GroupId is not { } groupId || await transaction.Groups.FindByIdAsync(groupId, cancellationToken) is not { Active: true } found
                || await transaction.Sessions.FindRunningAsync(groupId, forUpdate: false, cancellationToken) is not { } session
                || session.Id != work.SubjectId
                || session.StageIndex?.ToString(CultureInfo.InvariantCulture) != work.Payload)
            {
                // The session moved on or ended in the meantime.
                return null;
            }

            group = found;
            var stage = protocols.Get(session.ProtocolKey).Stages[session.StageIndex!.Value];
            text = MessageCatalog.Default.Render(
                group.Language, "timer.stage-up", ("number", session.Number), ("stage", session.StageIndex.Value + 1), ("title", stage.Title));
        }

        await notices.PostAsync(group, text, cancellationToken);
        return null;
    }
}
