using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Sessions;

/// <summary>
/// Starting a session, the same whoever starts it: <c>/session start</c>, the Start button of a start notice,
/// or the group itself at the session's time (<see cref="SessionStarts"/>).
/// </summary>
public static class SessionStart
{
    /// <summary>
    /// Starts the session in the open transaction: its reminders and start notices go, its holder (and
    /// <paramref name="present"/>, the member who started it, if a member did) attends, its case is scheduled,
    /// and the first stage's timer is set. Returns the session's case. Refuses what <see cref="Session.Start"/> refuses.
    /// </summary>
    public static async Task<Case> BeginAsync(
        IStoreTransaction store, Session session, long facilitatorId, long? present, Protocol protocol, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(protocol);
        if (session.CaseId is { } caseId && await store.Cases.FindByIdAsync(session.GroupId, caseId, cancellationToken) is { Status: CaseStatus.Withdrawn } withdrawn)
        {
            throw new ConvenerRuleException("rule.case.withdrawn.discuss", ("number", withdrawn.Number));
        }

        session.Start(facilitatorId, now);
        try
        {
            await store.Sessions.SaveAsync(session, cancellationToken);
        }
        catch (StoreConflictException)
        {
            // Another instance started a session in this group in the same moment.
            throw new ConvenerRuleException("rule.session.started-elsewhere");
        }

        await SessionReminders.RemoveAsync(store, session, cancellationToken);
        await SessionStarts.RemoveAsync(store, session, cancellationToken);
        if (present is { } member)
        {
            await store.Sessions.MarkAttendedAsync(session.Id, member, now, cancellationToken);
        }

        var theCase = await store.Cases.FindByIdAsync(session.GroupId, session.CaseId!.Value, cancellationToken)
            ?? throw new InvalidOperationException($"Case row {session.CaseId} of group {session.GroupId} is missing.");
        // The holder is present in their own session, whether or not they type anything.
        await store.Sessions.MarkAttendedAsync(session.Id, theCase.HolderId, now, cancellationToken);
        if (theCase.Status is CaseStatus.Open)
        {
            await store.Cases.SetStatusAsync(theCase.Id, CaseStatus.Scheduled, cancellationToken);
        }

        await StageTimers.SetAsync(store, session, protocol.Stages[0].Minutes, now, cancellationToken);
        await StageButtons.RetireAsync(store, session, now, cancellationToken);
        await SessionMirror.WriteAsync(store, session, now, cancellationToken);
        return theCase;
    }

    /// <summary>The start message, which opens the session's space where the platform has them, and the first stage's prompt.</summary>
    public static OutboundMessage[] Messages(Session session, Protocol protocol, Case theCase, string language)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(theCase);
        var catalog = MessageCatalog.Default;
        var started = catalog.Render(
            language,
            protocol.Stages.Count == 1 ? "reply.session.started.one" : "reply.session.started.other",
            ("number", session.Number), ("protocol", protocol.Name), ("count", protocol.Stages.Count));
        var space = catalog.Render(language, "reply.session.space", ("number", session.Number), ("title", UserText.Shorten(theCase.Title, 100)));
        return
        [
            new OutboundMessage(started, OpensSpace: space) { SpaceSession = session.Number },
            StagePrompt.Render(session, protocol, theCase, language),
        ];
    }
}
