using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Storage.Tests.Support;

namespace ConvenerBot.Storage.Tests;

/// <summary>
/// Buttons about a session's stages are taken off once the session moves on: those the adapter posted with a
/// reply and those the bot posted on its own (time-up and start notices), by due work written with the move,
/// so a new dispatcher over the same store (a restart, another instance) does it.
/// </summary>
public abstract class StageButtonTests(StoreFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task MovingOn_TakesOffTheButtonsOfEarlierMessages_KeepsThoseOfTheCurrentStage_AndEndingTakesOffTheRest()
    {
        var chat = await fixture.NewChat().WithRunningSessionAsync();
        var gateway = new RecordingGateway();
        var stages = fixture.Protocols.Get("peer-to-peer").Stages;

        // The adapter posted stage 1's prompt and records its buttons, as Telegram and Discord do.
        var first = StageOnePrompt;
        await fixture.Convener.RecordButtonsAsync(chat.Conversation, "prompt-1", "topic-7", first, None);

        // The bot tells the group on its own that stage 1's time is up, with Next and Extend.
        await RunForAsync(fixture.SessionWork(gateway), TimeSpan.FromMinutes(stages[0].Minutes + 1));
        var notice = Assert.Single(gateway.PostsTo(chat));
        Assert.Equal([StageAction.Next, StageAction.Extend], notice.Message.Actions);
        Assert.Empty(gateway.Cleared);

        // A facilitator moves on: the next dispatcher run (any instance, after a restart) takes both sets off.
        var second = await Prompt(chat, "ben", "/next");
        await fixture.Convener.RecordButtonsAsync(chat.Conversation, "prompt-2", "topic-7", second, None);
        await fixture.SessionWork(gateway).RunDueAsync(None);
        Assert.Equal([("topic-7", "prompt-1"), (null, gateway.IdOf(notice))], gateway.Cleared);

        // Done once: nothing is taken off twice, and stage 2's prompt keeps its buttons.
        await fixture.SessionWork(gateway).RunDueAsync(None);
        Assert.Equal(2, gateway.Cleared.Count);

        Assert.StartsWith("Session 1 has ended", await chat.SayAsync("ben", "/session end"), StringComparison.Ordinal);
        await fixture.SessionWork(gateway).RunDueAsync(None);
        Assert.Equal(("topic-7", "prompt-2"), gateway.Cleared[^1]);
        Assert.Equal(3, gateway.Cleared.Count);
    }

    [Fact]
    public async Task ButtonsRecordedAfterTheSessionMovedOn_AreTakenOffAtOnce_AndAFailingPlatformIsTriedAgain()
    {
        var chat = await fixture.NewChat().WithRunningSessionAsync();
        var gateway = new RecordingGateway { ClearFailures = 1 };
        var first = StageOnePrompt;
        await chat.SayAsync("ben", "/next");

        // The prompt of stage 1 reached the platform only after the move (a slow send): its buttons go at once.
        await fixture.Convener.RecordButtonsAsync(chat.Conversation, "late-1", null, first, None);
        await fixture.SessionWork(gateway).RunDueAsync(None);
        Assert.Empty(gateway.Cleared);

        // The platform failed once: the work is tried again after its pause, and then the buttons go.
        fixture.Time.Advance(TimeSpan.FromMinutes(2));
        await fixture.SessionWork(gateway).RunDueAsync(None);
        Assert.Equal([(null, "late-1")], gateway.Cleared);
    }

    [Fact]
    public async Task StartNotice_LosesItsStartButtonOnceTheSessionStarts_AndBadInputChangesNothing()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/case open Funding gap | The grant ends in March.");
        await chat.SayAsync("ana", "/role facilitator ana");
        await chat.SayAsync("ana", "/session schedule 2026-12-26 10:00 case 1");
        var notice = new OutboundMessage("Session 1 is due to start.", Actions: [StageAction.Start], Stage: new StageRef(1, 1));
        await fixture.Convener.RecordButtonsAsync(chat.Conversation, "start-1", null, notice, None);
        var gateway = new RecordingGateway();

        // Refused commands move nothing on, so no button is taken off.
        var before = await fixture.DumpAsync();
        Assert.Contains("Only a facilitator", await chat.SayAsync("zoe", "/session start 1 now"), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.DumpAsync());
        await fixture.SessionWork(gateway).RunDueAsync(None);
        Assert.Empty(gateway.Cleared);

        await chat.SayAsync("ana", "/session start 1 now");
        await fixture.SessionWork(gateway).RunDueAsync(None);
        Assert.Equal([(null, "start-1")], gateway.Cleared);
    }

    /// <summary>Stage 1's prompt as the start of the session posted it.</summary>
    private static OutboundMessage StageOnePrompt { get; } = new("Session 1 · stage 1 of 6", Actions: [StageAction.Next, StageAction.End], Stage: new StageRef(1, 1));

    /// <summary>The message of a reply that carries a stage's buttons.</summary>
    private static async Task<OutboundMessage> Prompt(Chat chat, string who, string text)
    {
        var reply = await chat.SendAsync(who, text);
        return reply.Messages.Single(m => m is { Stage: not null, Actions.Count: > 0 });
    }

    private async Task RunForAsync(DueWorkDispatcher dispatcher, TimeSpan span)
    {
        var until = fixture.Time.GetUtcNow() + span;
        while (fixture.Time.GetUtcNow() < until)
        {
            fixture.Time.Advance(TimeSpan.FromMinutes(1));
            await dispatcher.RunDueAsync(None);
        }
    }
}

public sealed class SqliteStageButtonTests(SqliteStoreFixture fixture) : StageButtonTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresStageButtonTests(PostgresStoreFixture fixture) : StageButtonTests(fixture), IClassFixture<PostgresStoreFixture>;
