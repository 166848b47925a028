using ConvenerBot.Core.Protocols;

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

    public void AssignCase(long caseId)
    {
        if (Status is not SessionStatus.Scheduled)
        {
            throw new ConvenerRuleException($"Session {Number} has already started; its case can no longer change.");
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
                throw new ConvenerRuleException(
                    $"Session {Number} has no case yet. Start it with a case: /session start {Number} case CASE (see /case list).");
            case SessionStatus.Scheduled:
                Status = SessionStatus.Running;
                StageIndex = 0;
                StartedAt = now;
                FacilitatorId = facilitatorId;
                break;
            case SessionStatus.Running:
                throw new ConvenerRuleException($"Session {Number} is already running.");
            default:
                throw new ConvenerRuleException($"Session {Number} is {Describe(Status)} and cannot start.");
        }
    }

    public Stage MoveNext(Protocol protocol)
    {
        var index = RequireRunningStage();
        if (index >= protocol.Stages.Count - 1)
        {
            throw new ConvenerRuleException("This is the last stage. When the group is done, close the session with /session end.");
        }

        StageIndex = index + 1;
        return protocol.Stages[index + 1];
    }

    public Stage MoveBack(Protocol protocol)
    {
        var index = RequireRunningStage();
        if (index == 0)
        {
            throw new ConvenerRuleException("This is the first stage; there is no stage before it.");
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
            throw new ConvenerRuleException($"Session {Number} is {Describe(Status)}; only a scheduled session can be cancelled.");
        }

        Status = SessionStatus.Cancelled;
    }

    public static string Describe(SessionStatus status) => status switch
    {
        SessionStatus.Scheduled => "scheduled",
        SessionStatus.Running => "running",
        SessionStatus.Ended => "over",
        SessionStatus.Cancelled => "cancelled",
        _ => status.ToString(),
    };

    private int RequireRunningStage()
    {
        if (Status is not SessionStatus.Running || StageIndex is not { } index)
        {
            throw new ConvenerRuleException($"Session {Number} is {Describe(Status)}, not running.");
        }

        return index;
    }
}
