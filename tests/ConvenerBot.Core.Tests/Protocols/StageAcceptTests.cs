using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Tests.Protocols;

/// <summary>A stage answers who may contribute what; the handler only words and stores its answer.</summary>
public sealed class StageAcceptTests
{
    private static readonly Stage Questions = new("questions", "Open questions", "Ask", 10, [new Collect(ContributionKind.OpenQuestion, Contributors.Group)]);
    private static readonly Stage Steps = new("steps", "Next steps", "Explore", 10,
        [new Collect(ContributionKind.Idea, Contributors.Group), new Collect(ContributionKind.NextStep, Contributors.Holder)]);
    private static readonly Stage Listen = new("listen", "Listen", "Listen", 5, []);

    [Theory]
    [InlineData(ContributionVerb.Ask, false, ContributionKind.OpenQuestion, null)]
    [InlineData(ContributionVerb.Ask, true, ContributionKind.OpenQuestion, Stage.Refusal.HolderReceives)]
    [InlineData(ContributionVerb.Idea, false, null, Stage.Refusal.NotInThisStage)]
    public void TypedVerb_InTheQuestionStage(ContributionVerb verb, bool isHolder, ContributionKind? kind, Stage.Refusal? why)
    {
        var answer = Questions.Accept(verb, isHolder);

        Assert.Equal((kind, why), (answer.Collect?.Kind, answer.Why));
    }

    [Fact]
    public void NextSteps_AreTheHolders_IdeasTheGroups_AndAPlainReplyTakesWhatTheMemberGives()
    {
        Assert.Equal(Stage.Refusal.HolderOnly, Steps.Accept(ContributionVerb.Step, isHolder: false).Why);
        Assert.Null(Steps.Accept(ContributionVerb.Step, isHolder: true).Why);
        Assert.Equal(ContributionKind.NextStep, Steps.Accept(null, isHolder: true).Collect?.Kind);
        Assert.Equal(ContributionKind.Idea, Steps.Accept(null, isHolder: false).Collect?.Kind);
        Assert.Equal(Stage.Refusal.CollectsNothing, Listen.Accept(null, isHolder: false).Why);
        Assert.Equal(Stage.Refusal.HolderReceives, Questions.Accept(null, isHolder: true).Why);
    }
}
