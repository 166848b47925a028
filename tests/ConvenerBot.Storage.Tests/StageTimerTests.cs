using System.Globalization;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Storage.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConvenerBot.Storage.Tests;

/// <summary>A stage's time being up is told once; moving on, /extend and ending rewrite or remove the timer in the same transaction.</summary>
public abstract class StageTimerTests(StoreFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly List<ConversationPost> _posts = [];

    [Fact]
    public async Task TimeUp_IsToldOnce_ExtendAndNextRewriteIt_AndEndingRemovesIt()
    {
        var chat = await fixture.NewChat().WithRunningSessionAsync();
        var protocols = ProtocolLoader.LoadDirectory(SeedsDirectory(), "peer-to-peer");
        var dispatcher = new DueWorkDispatcher(
            fixture.Store, [new StageTimers(fixture.Store, protocols, new GroupNotices(fixture.Store, new ConversationGateways([new Recorder(_posts)]), fixture.Time))], fixture.Time, NullLogger<DueWorkDispatcher>.Instance);
        var stages = protocols.Get("peer-to-peer").Stages;

        await RunForAsync(dispatcher, TimeSpan.FromMinutes(stages[0].Minutes - 1));
        Assert.Empty(Notices(chat));
        await RunForAsync(dispatcher, TimeSpan.FromHours(3));
        Assert.Equal(["Time is up for stage 1 of session 1"], Notices(chat));

        // Bad input changes nothing.
        Assert.Contains("'0' is not a number of minutes; give 1 to 240", await chat.SayAsync("ben", "/extend 0"), StringComparison.Ordinal);
        Assert.Contains("between 1 and 240", await chat.SayAsync("ben", "/extend 241"), StringComparison.Ordinal);
        Assert.Contains("'soon' is not a number of minutes", await chat.SayAsync("ben", "/extend soon"), StringComparison.Ordinal);
        Assert.Contains("Only a facilitator", await chat.SayAsync("chloe", "/extend 10"), StringComparison.Ordinal);
        Assert.Contains("No session is running", await fixture.NewChat().SayAsync("zoe", "/extend 10"), StringComparison.Ordinal);
        await RunForAsync(dispatcher, TimeSpan.FromHours(3));
        Assert.Single(Notices(chat));

        await chat.SayAsync("ben", "/next");
        Assert.StartsWith("Stage 2 now has 10 more minutes", await chat.SayAsync("ben", "/extend 10"), StringComparison.Ordinal);
        await RunForAsync(dispatcher, TimeSpan.FromMinutes(9));
        Assert.Single(Notices(chat));
        await RunForAsync(dispatcher, TimeSpan.FromMinutes(2));
        Assert.Equal(["Time is up for stage 1 of session 1", "Time is up for stage 2 of session 1"], Notices(chat));

        await chat.SayAsync("ben", "/next");
        await chat.SayAsync("ben", "/session end");
        await RunForAsync(dispatcher, TimeSpan.FromHours(5));
        Assert.Equal(2, Notices(chat).Count);
    }

    [Fact]
    public async Task TimeUpNotice_OffersNextAndExtend_ExtendByButton_AndAutoAdvanceMovesOnUntilTheLastStage()
    {
        var chat = await fixture.NewChat().WithRunningSessionAsync();
        var gateway = new RecordingGateway();
        var work = fixture.SessionWork(gateway);
        var stages = fixture.Protocols.Get("peer-to-peer").Stages;

        await RunForAsync(work, TimeSpan.FromMinutes(stages[0].Minutes + 1));
        var notice = Assert.Single(gateway.PostsTo(chat)).Message;
        Assert.Equal([StageAction.Next, StageAction.Extend], notice.Actions);
        Assert.Equal(new StageRef(1, 1), notice.Stage);

        var before = await fixture.DumpAsync();
        var member = await chat.PressAsync("chloe", StageAction.Extend, 1, 1);
        Assert.True(member.Refused);
        Assert.Contains("Only a facilitator", member.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.DumpAsync());
        Assert.StartsWith("Stage 1 now has 10 more minutes", (await chat.PressAsync("ben", StageAction.Extend, 1, 1)).Messages[0].Text, StringComparison.Ordinal);
        await RunForAsync(work, TimeSpan.FromMinutes(9));
        Assert.Single(gateway.PostsTo(chat));
        await RunForAsync(work, TimeSpan.FromMinutes(2));
        Assert.Equal(2, gateway.PostsTo(chat).Count);

        // Next under the notice is the stage's own Next; Extend under it is stale once the stage has passed.
        Assert.Equal(new StageRef(1, 2), (await chat.PressAsync("ben", StageAction.Next, 1, 1)).Messages[0].Stage);
        var stale = await chat.PressAsync("ben", StageAction.Extend, 1, 1);
        Assert.True(stale.Refused);
        Assert.True(stale.StaleStage);
        Assert.Contains("session 1 has moved on to stage 2", stale.Messages[0].Text, StringComparison.Ordinal);

        Assert.Contains("auto-advance on", await chat.SayAsync("ana", "/settings autoadvance on"), StringComparison.Ordinal);
        await RunForAsync(work, TimeSpan.FromMinutes(stages[1].Minutes + 1));
        var prompt = gateway.PostsTo(chat)[^1];
        Assert.Equal(new StageRef(1, 3), prompt.Message.Stage);
        Assert.StartsWith("Session 1 · stage 3 of 6", prompt.Message.Text, StringComparison.Ordinal);
        Assert.Contains("running, stage 3 of 6 since", await chat.SayAsync("dan", "/session list"), StringComparison.Ordinal);
        // The prompt posted by the bot on its own is known: a reply to it is a contribution to stage 3.
        var reply = await chat.ReplyAsync("dan", gateway.IdOf(prompt), "What did you try first?");
        Assert.StartsWith("Saved your clarifying question", reply.Messages[0].Text, StringComparison.Ordinal);

        await chat.SayAsync("ben", "/next");
        await chat.SayAsync("ben", "/next");
        await chat.SayAsync("ben", "/next");
        await RunForAsync(work, TimeSpan.FromMinutes(stages[5].Minutes + 1));
        var last = gateway.PostsTo(chat)[^1].Message;
        Assert.StartsWith("Time is up for stage 6 of session 1", last.Text, StringComparison.Ordinal);
        Assert.Contains("its last stage", last.Text, StringComparison.Ordinal);
        Assert.Equal([StageAction.Extend, StageAction.End], last.Actions);
        Assert.Contains("running, stage 6 of 6", await chat.SayAsync("dan", "/session list"), StringComparison.Ordinal);
    }

    private IReadOnlyList<string> Notices(Chat chat) =>
        [.. _posts.Where(p => p.Conversation == chat.Conversation).Select(p => string.Join(' ', p.Message.Text.Split(' ')[..9]).TrimEnd(','))];

    private async Task RunForAsync(DueWorkDispatcher dispatcher, TimeSpan span)
    {
        var until = fixture.Time.GetUtcNow() + span;
        while (fixture.Time.GetUtcNow() < until)
        {
            fixture.Time.Advance(TimeSpan.FromMinutes(1));
            await dispatcher.RunDueAsync(None);
        }
    }

    private static string SeedsDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConvenerBot.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "seeds", "protocols");
    }

    private sealed class Recorder(List<ConversationPost> posts) : IConversationGateway
    {
        public string Platform => "test";

        public Task<PostResult> PostAsync(ConversationPost post, CancellationToken cancellationToken)
        {
            posts.Add(post);
            return Task.FromResult<PostResult>(new PostResult.Delivered([posts.Count.ToString(CultureInfo.InvariantCulture)], null));
        }
    }
}

public sealed class SqliteStageTimerTests(SqliteStoreFixture fixture) : StageTimerTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresStageTimerTests(PostgresStoreFixture fixture) : StageTimerTests(fixture), IClassFixture<PostgresStoreFixture>;
