using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Sessions;

/// <summary>
/// One gathering of a group. Its life is scheduled → running (stage by stage) → ended, or scheduled →
/// cancelled; every move goes through a method here that refuses an illegal one.
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
    long? facilitatorId)
{
    /// <summary>How far from its planned time a session starts without being asked to confirm.</summary>
    public static readonly TimeSpan StartWindow = TimeSpan.FromHours(1);

    /// <summary>How long after its planned time a session nobody started still counts as upcoming.</summary>
    public static readonly TimeSpan StartGrace = TimeSpan.FromHours(2);

    public long Id { get; } = id;

    public long GroupId { get; } = groupId;

    public int Number { get; } = number;

    public long? CaseId { get; private set; } = caseId;

    public string ProtocolKey { get; } = protocolKey;

    public SessionStatus Status { get; private set; } = status;

    public DateTimeOffset ScheduledAt { get; } = scheduledAt;

    public DateTimeOffset? StartedAt { get; private set; } = startedAt;

    public DateTimeOffset? EndedAt { get; private set; } = endedAt;

    /// <summary>Zero-based index of the current stage while running; the last stage reached once ended.</summary>
    public int? StageIndex { get; private set; } = stageIndex;

    public long? FacilitatorId { get; private set; } = facilitatorId;

    /// <summary>Planned, not started, and its time passed more than <see cref="StartGrace"/> ago: no longer upcoming.</summary>
    public bool IsOverdue(DateTimeOffset now) => Status is SessionStatus.Scheduled && ScheduledAt < now - StartGrace;

    public void AssignCase(long caseId)
    {
        if (Status is not SessionStatus.Scheduled)
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
            case SessionStatus.Scheduled when CaseId is null:
                throw new ConvenerRuleException("rule.session.no-case", ("number", Number));
            case SessionStatus.Scheduled:
                Status = SessionStatus.Running;
                StageIndex = 0;
                StartedAt = now;
                FacilitatorId = facilitatorId;
                break;
            case SessionStatus.Running:
                throw new ConvenerRuleException("rule.session.already-running", ("number", Number));
            default:
                throw new ConvenerRuleException("rule.session.cannot-start", ("number", Number), ("status", Describe(Status)));
        }
    }

    public Stage MoveNext(Protocol protocol)
    {
        var index = RequireRunningStage();
        if (index >= protocol.Stages.Count - 1)
        {
            throw new ConvenerRuleException("rule.stage.last");
        }

        StageIndex = index + 1;
        return protocol.Stages[index + 1];
    }

    public Stage MoveBack(Protocol protocol)
    {
        var index = RequireRunningStage();
        if (index == 0)
        {
            throw new ConvenerRuleException("rule.stage.first");
        }

        StageIndex = index - 1;
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

    /// <summary>A status as it is said in a sentence ("Session 3 is over").</summary>
    public static Phrase Describe(SessionStatus status) => Phrase.Of(status switch
    {
        SessionStatus.Scheduled => "status.session.scheduled",
        SessionStatus.Running => "status.session.running",
        SessionStatus.Ended => "status.session.ended",
        SessionStatus.Cancelled => "status.session.cancelled",
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
