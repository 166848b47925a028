using System.Globalization;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Storage.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConvenerBot.Storage.Tests;

/// <summary>Reminders are due work written with the session: posted once each, only the latest after downtime, none once cancelled.</summary>
public abstract class SessionReminderTests(StoreFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly Recorder _posts = new();

    [Fact]
    public async Task Reminders_ArePostedOnceEach_OnlyTheLatestAfterDowntime_AndNoneOnceCancelled()
    {
        var chat = fixture.NewChat();
        var dispatcher = new DueWorkDispatcher(
            fixture.Store, [new SessionReminders(fixture.Store, new GroupNotices(fixture.Store, new ConversationGateways([_posts]), fixture.Time))], fixture.Time, NullLogger<DueWorkDispatcher>.Instance);
        await chat.SayAsync("ana", "/timezone UTC");
        await chat.SayAsync("ana", "/case open Funding gap");
        var at = fixture.Time.GetUtcNow().AddDays(10);
        at = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);
        string When(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        Assert.Contains("is not a case", await chat.SayAsync("ana", $"/session schedule {When(at)} case x"), StringComparison.Ordinal);
        await chat.SayAsync("ana", $"/session schedule {When(at)} case 1");
        await chat.SayAsync("ana", $"/session schedule {When(at.AddDays(1))} case 1");

        await RunUntilAsync(dispatcher, at - TimeSpan.FromDays(6));
        // The refused schedule left nothing due; sessions 1 and 2 each remind a week before, once.
        Assert.Equal(["1", "2"], Numbers(chat));
        Assert.All(_posts.Posts.Where(p => p.Conversation == chat.Conversation), p => Assert.Contains("case 1, Funding gap", p.Message.Text, StringComparison.Ordinal));
        Assert.Equal(0, await dispatcher.RunDueAsync(None));

        // Session 2 is cancelled: its day-before and hour-before reminders go with it; session 1's come.
        await chat.SayAsync("ana", "/session cancel 2");
        await RunUntilAsync(dispatcher, at.AddDays(3));
        Assert.Equal(["1", "2", "1", "1"], Numbers(chat));
    }

    [Fact]
    public async Task AfterLongDowntime_OnlyTheLatestReminderIsPosted()
    {
        var (chat, dispatcher, at) = await ScheduledInTenDaysAsync();

        // The clock jumps past the week-before and the day-before reminders at once.
        fixture.Time.Advance(at - TimeSpan.FromHours(2) - fixture.Time.GetUtcNow());
        await dispatcher.RunDueAsync(None);

        var post = Assert.Single(_posts.Posts, p => p.Conversation == chat.Conversation);
        Assert.StartsWith("Reminder: session 1 is on", post.Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InAGroupTheBotWasRemovedFrom_RemindersWait_AndTheLatestComesOnceItIsBack()
    {
        var (chat, dispatcher, at) = await ScheduledInTenDaysAsync();

        // Telegram said the bot was removed: nothing is posted, and the reminders wait rather than being dropped.
        await fixture.Convener.SetConversationActiveAsync(chat.Conversation, active: false, None);
        await RunUntilAsync(dispatcher, at - TimeSpan.FromHours(20));
        Assert.DoesNotContain(_posts.Posts, p => p.Conversation == chat.Conversation);
        Assert.False((await fixture.StoredGroupAsync(chat)).Active);

        // Someone writes again: the group is back, and the latest reminder that applies (a day before) comes, once.
        await chat.SayAsync("ana", "/case list");
        await RunUntilAsync(dispatcher, at - TimeSpan.FromHours(2));
        var post = Assert.Single(_posts.Posts, p => p.Conversation == chat.Conversation);
        Assert.StartsWith("Reminder: session 1 is on", post.Message.Text, StringComparison.Ordinal);

        // The hour-before reminder comes as usual; once the session is past, nothing of it is left waiting.
        await RunUntilAsync(dispatcher, at + TimeSpan.FromDays(2));
        Assert.Equal(2, _posts.Posts.Count(p => p.Conversation == chat.Conversation));
    }

    /// <summary>A group in UTC whose session 1 (for case 1) is ten days ahead, on the minute, and a dispatcher of reminders.</summary>
    private async Task<(Chat Chat, DueWorkDispatcher Dispatcher, DateTimeOffset At)> ScheduledInTenDaysAsync()
    {
        var chat = fixture.NewChat();
        var dispatcher = new DueWorkDispatcher(
            fixture.Store, [new SessionReminders(fixture.Store, new GroupNotices(fixture.Store, new ConversationGateways([_posts]), fixture.Time))], fixture.Time, NullLogger<DueWorkDispatcher>.Instance);
        await chat.SayAsync("ana", "/timezone UTC");
        await chat.SayAsync("ana", "/case open Funding gap");
        var at = fixture.Time.GetUtcNow().AddDays(10);
        at = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);
        await chat.SayAsync("ana", $"/session schedule {at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} case 1");
        return (chat, dispatcher, at);
    }

    private IReadOnlyList<string> Numbers(Chat chat) =>
        [.. _posts.Posts.Where(p => p.Conversation == chat.Conversation).Select(p => p.Message.Text.Split(' ')[2])];

    /// <summary>Moves the clock forward in small steps to <paramref name="until"/>, running due work at each.</summary>
    private async Task RunUntilAsync(DueWorkDispatcher dispatcher, DateTimeOffset until)
    {
        while (fixture.Time.GetUtcNow() < until)
        {
            fixture.Time.Advance(TimeSpan.FromMinutes(30));
            await dispatcher.RunDueAsync(None);
        }
    }

    /// <summary>The adapter boundary for the "test" platform: records what would be posted.</summary>
    private sealed class Recorder : IConversationGateway
    {
        public List<ConversationPost> Posts { get; } = [];

        public string Platform => "test";

        public Task<PostResult> PostAsync(ConversationPost post, CancellationToken cancellationToken)
        {
            Posts.Add(post);
            return Task.FromResult<PostResult>(new PostResult.Delivered([Posts.Count.ToString(CultureInfo.InvariantCulture)], null));
        }
    }
}

public sealed class SqliteSessionReminderTests(SqliteStoreFixture fixture) : SessionReminderTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresSessionReminderTests(PostgresStoreFixture fixture) : SessionReminderTests(fixture), IClassFixture<PostgresStoreFixture>;
