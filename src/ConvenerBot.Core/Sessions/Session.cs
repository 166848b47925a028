using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Sessions;

/// <summary>
/// One gathering of a group. Its life is scheduled → running (stage by stage) → ended, or scheduled →
/// cancelled, or scheduled → missed (nobody started it within the group's grace period) → running, when
/// a facilitator starts it anyway; every move goes through a method here that refuses an illegal one.
/// </summary>
public sealed class Session(
    long id,
    long groupId,
    int number,
    long? caseId,
    string protocolKey,
    SessionStatus status,
    DateTimeOffset scheduledAt,
    DateTimeOffset? startedAt,
    DateTimeOffset? endedAt,
    int? stageIndex,
    long? facilitatorId,
    long? scheduledBy = null,
    string? space = null,
    DateTimeOffset? stageStartedAt = null)
{
    /// <summary>How far from its planned time a session starts without being asked to confirm.</summary>
    public static readonly TimeSpan StartWindow = TimeSpan.FromHours(1);

    public long Id { get; } = id;

    public long GroupId { get; } = groupId;

    public int Number { get; } = number;

    public long? CaseId { get; private set; } = caseId;

    public string ProtocolKey { get; } = protocolKey;

    public SessionStatus Status { get; private set; } = status;

    public DateTimeOffset ScheduledAt { get; private set; } = scheduledAt;

    public DateTimeOffset? StartedAt { get; private set; } = startedAt;

    public DateTimeOffset? EndedAt { get; private set; } = endedAt;

    /// <summary>Zero-based index of the current stage while running; the last stage reached once ended.</summary>
    public int? StageIndex { get; private set; } = stageIndex;

    public long? FacilitatorId { get; private set; } = facilitatorId;

    /// <summary>The member who scheduled it; a session the group starts by itself is started in their name.</summary>
    public long? ScheduledBy { get; } = scheduledBy;

    /// <summary>
    /// The session's space within its group's chat (a forum topic, a thread), as the platform named it when
    /// the session's start opened it; null while it has none, and for platforms without spaces.
    /// </summary>
    public string? Space { get; private set; } = space;

    /// <summary>When the current stage began (the last stage reached, once ended).</summary>
    public DateTimeOffset? StageStartedAt { get; private set; } = stageStartedAt;

    /// <summary>Records the space the session's start opened, or forgets one that is gone (null).</summary>
    public void UseSpace(string? space) => Space = space;

    public void AssignCase(long caseId)
    {
        if (Status is not (SessionStatus.Scheduled or SessionStatus.Missed))
        {
            throw new ConvenerRuleException("rule.session.case-fixed", ("number", Number));
        }

        CaseId = caseId;
    }

    /// <summary>Takes the case off a scheduled session, e.g. when its holder withdraws it.</summary>
    public void DetachCase()
    {
        if (Status is SessionStatus.Scheduled)
        {
            CaseId = null;
        }
    }

    public void Start(long facilitatorId, DateTimeOffset now)
    {
        switch (Status)
        {
            case SessionStatus.Scheduled or SessionStatus.Missed when CaseId is null:
                throw new ConvenerRuleException("rule.session.no-case", ("number", Number));
            case SessionStatus.Scheduled or SessionStatus.Missed:
                Status = SessionStatus.Running;
                StageIndex = 0;
                StartedAt = now;
                StageStartedAt = now;
                FacilitatorId = facilitatorId;
                break;
            case SessionStatus.Running:
                throw new ConvenerRuleException("rule.session.already-running", ("number", Number));
            default:
                throw new ConvenerRuleException("rule.session.cannot-start", ("number", Number), ("status", Describe(Status)));
        }
    }

    public Stage MoveNext(Protocol protocol, DateTimeOffset now)
    {
        var index = RequireRunningStage();
        if (index >= protocol.Stages.Count - 1)
        {
            throw new ConvenerRuleException("rule.stage.last");
        }

        StageIndex = index + 1;
        StageStartedAt = now;
        return protocol.Stages[index + 1];
    }

    public Stage MoveBack(Protocol protocol, DateTimeOffset now)
    {
        var index = RequireRunningStage();
        if (index == 0)
        {
            throw new ConvenerRuleException("rule.stage.first");
        }

        StageIndex = index - 1;
        StageStartedAt = now;
        return protocol.Stages[index - 1];
    }

    public void End(DateTimeOffset now)
    {
        RequireRunningStage();
        Status = SessionStatus.Ended;
        EndedAt = now;
    }

    public void Cancel()
    {
        if (Status is not SessionStatus.Scheduled)
        {
            throw new ConvenerRuleException("rule.session.cannot-cancel", ("number", Number), ("status", Describe(Status)));
        }

        Status = SessionStatus.Cancelled;
    }

    /// <summary>
    /// Gives a scheduled session another planned time. A missed session is not moved: it is past, and a new
    /// session is scheduled instead.
    /// </summary>
    public void MoveTo(DateTimeOffset scheduledAt)
    {
        RequireMovable();
        ScheduledAt = scheduledAt;
    }

    /// <summary>Refuses a session that is not scheduled, before its new time is read.</summary>
    public void RequireMovable()
    {
        if (Status is not SessionStatus.Scheduled)
        {
            throw new ConvenerRuleException("rule.session.cannot-move", ("number", Number), ("status", Describe(Status)));
        }
    }

    /// <summary>Nobody started it within the group's grace period. Only a scheduled session can be missed.</summary>
    public void MarkMissed()
    {
        if (Status is not SessionStatus.Scheduled)
        {
            throw new InvalidOperationException($"Session {Number} is {Status}; only a scheduled session can be missed.");
        }

        Status = SessionStatus.Missed;
    }

    /// <summary>A status as it is said in a sentence ("Session 3 is over").</summary>
    public static Phrase Describe(SessionStatus status) => Phrase.Of(status switch
    {
        SessionStatus.Scheduled => "status.session.scheduled",
        SessionStatus.Running => "status.session.running",
        SessionStatus.Ended => "status.session.ended",
        SessionStatus.Cancelled => "status.session.cancelled",
        SessionStatus.Missed => "status.session.missed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    });

    private int RequireRunningStage()
    {
        if (Status is not SessionStatus.Running || StageIndex is not { } index)
        {
            throw new ConvenerRuleException("rule.session.not-running", ("number", Number), ("status", Describe(Status)));
        }

        return index;
    }
}
