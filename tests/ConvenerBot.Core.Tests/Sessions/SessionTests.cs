using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Tests.Sessions;

public sealed class SessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static readonly Protocol ThreeStages = new("t", "T", "", [
        new Stage("a", "A", "p", 5, []),
        new Stage("b", "B", "p", 5, []),
        new Stage("c", "C", "p", 5, []),
    ]);

    private static Session Scheduled(long? caseId = 7) =>
        new(1, 1, 4, caseId, "t", SessionStatus.Scheduled, Now.AddDays(1), null, null, null, null);

    [Fact]
    public void Lifecycle_StartMoveEnd_FollowsStages()
    {
        var session = Scheduled();

        session.Start(facilitatorId: 3, Now);
        var second = session.MoveNext(ThreeStages, Now);
        var third = session.MoveNext(ThreeStages, Now);
        var back = session.MoveBack(ThreeStages, Now);
        session.End(Now.AddHours(1));

        Assert.Equal(("b", "c", "b"), (second.Key, third.Key, back.Key));
        Assert.Equal((SessionStatus.Ended, 1, 3L, Now.AddHours(1)), (session.Status, session.StageIndex, session.FacilitatorId, session.EndedAt));
    }

    [Fact]
    public void MoveNext_AtLastStage_PointsToEnd()
    {
        var session = Scheduled();
        session.Start(3, Now);
        session.MoveNext(ThreeStages, Now);
        session.MoveNext(ThreeStages, Now);

        var ex = Assert.Throws<ConvenerRuleException>(() => session.MoveNext(ThreeStages, Now));

        Assert.Contains("/session end", RuleText.Of(ex), StringComparison.Ordinal);
        Assert.Equal(2, session.StageIndex);
    }

    [Fact]
    public void IllegalMoves_AreRefusedAndChangeNothing()
    {
        var notStarted = Scheduled();
        Assert.Throws<ConvenerRuleException>(() => notStarted.MoveNext(ThreeStages, Now));
        Assert.Throws<ConvenerRuleException>(() => notStarted.End(Now));
        Assert.Throws<ConvenerRuleException>(() => Scheduled(caseId: null).Start(3, Now));

        var running = Scheduled();
        running.Start(3, Now);
        Assert.Throws<ConvenerRuleException>(() => running.MoveBack(ThreeStages, Now));
        Assert.Throws<ConvenerRuleException>(running.Cancel);
        Assert.Throws<ConvenerRuleException>(() => running.Start(3, Now));
        Assert.Throws<ConvenerRuleException>(() => running.AssignCase(9));

        Assert.Equal((SessionStatus.Scheduled, SessionStatus.Running, 0, 7L), (notStarted.Status, running.Status, running.StageIndex, running.CaseId));
    }
}
