using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Groups;
using ConvenerBot.Core.Persistence;

namespace ConvenerBot.Core.Sessions;

/// <summary>
/// Takes the buttons off messages about a session once they no longer apply: the prompt of a stage the
/// session moved on from, a time-up notice, the question whether to end, a start notice once the session
/// started. Which messages carry live buttons is in the store (<see cref="ILiveButtonRepository"/>),
/// recorded by whoever posted them; the work that takes them off is written in the transaction that moves
/// the session on, so it happens after a restart and on whichever instance is running, and the process that
/// moved the session runs it at once (<see cref="DueWorkSignal"/>). A press on a button still shown is
/// refused as stale either way (<see cref="Reply.StaleStage"/>).
/// </summary>
public sealed class StageButtons(IConvenerStore store, ConversationGateways gateways) : IDueWorkHandler
{
    public const string WorkKind = "stage-buttons";

    public string Kind => WorkKind;

    /// <summary>
    /// Written with a change that moves the session on (to another stage, to its end, from waiting to running):
    /// the buttons of its messages that no longer apply are taken off, due at once.
    /// </summary>
    public static async Task RetireAsync(IStoreTransaction transaction, Session session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(session);
        await transaction.DueWork.ReplaceForSessionAsync(WorkKind, session, now, cancellationToken);
    }

    /// <summary>
    /// Records that a message posted in the group carries buttons about one of its sessions (the last part of
    /// a message split in parts carries them). Buttons that no longer apply when they are recorded (the
    /// session moved on while the message was on its way) are taken off at once. Returns true when they were.
    /// </summary>
    public static async Task<bool> RecordAsync(
        IStoreTransaction transaction, long groupId, string messageId, string? space, OutboundMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(message);
        if (message is not { Stage: { } stage, Actions: { Count: > 0 } actions }
            || await transaction.Sessions.FindAsync(groupId, stage.SessionNumber, forUpdate: true, cancellationToken) is not { } session)
        {
            return false;
        }

        var live = new LiveButtonMessage(groupId, messageId, space, session.Id, actions.Contains(StageAction.Start) ? null : stage.StageNumber - 1);
        await transaction.Buttons.RecordAsync(live, now, cancellationToken);
        if (!live.IsStaleFor(session))
        {
            return false;
        }

        await RetireAsync(transaction, session, now, cancellationToken);
        return true;
    }

    /// <summary>Whether a message carries buttons about a session's stages.</summary>
    public static bool Carries(OutboundMessage message) =>
        message is { Stage: not null, Actions.Count: > 0 };

    /// <summary>
    /// Whether a reply moves a session on (it carries a stage's prompt, or closes the session), so the
    /// buttons of earlier messages no longer apply.
    /// </summary>
    public static bool MovesOn(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return !reply.Refused && reply.Messages.Any(m => m.ClosesSpace || (Carries(m) && !m.Actions!.Contains(StageAction.ConfirmEnd)));
    }

    public async Task<DateTimeOffset?> HandleAsync(DueWork work, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (work.GroupId is not { } groupId || work.SubjectId is not { } sessionId)
        {
            return null;
        }

        Group? group;
        List<LiveButtonMessage> stale;
        await using (var transaction = await store.BeginReadAsync(cancellationToken))
        {
            group = await transaction.Groups.FindByIdAsync(groupId, cancellationToken);
            var session = await transaction.Sessions.FindByIdAsync(groupId, sessionId, forUpdate: false, cancellationToken);
            stale = session is null ? [] : [.. (await transaction.Buttons.ListAsync(sessionId, cancellationToken)).Where(m => m.IsStaleFor(session))];
        }

        // A group the bot was removed from keeps its rows: the next move, once it is back, takes them off.
        if (group is not { Active: true } || stale.Count == 0 || gateways.Find(group.Platform) is not { } gateway)
        {
            return null;
        }

        var conversation = new ConversationRef(group.Platform, group.ExternalId);
        var failed = 0;
        foreach (var message in stale)
        {
            var result = await gateway.ClearActionsAsync(conversation, message.Space, message.MessageId, cancellationToken);
            if (result is PostResult.ConversationGone)
            {
                return null;
            }

            if (result is PostResult.NotDelivered)
            {
                failed++;
                continue;
            }

            await using var transaction = await store.BeginAsync(cancellationToken);
            await transaction.Buttons.RemoveAsync(groupId, message.MessageId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return failed == 0 ? null : throw new InvalidOperationException($"The buttons of {failed} message(s) of session #{sessionId} could not be taken off yet.");
    }
}
