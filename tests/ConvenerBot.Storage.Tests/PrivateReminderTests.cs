using System.Globalization;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Storage.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConvenerBot.Storage.Tests;

/// <summary>
/// Those coming get the reminder closest to a day before privately too, each only their own and once;
/// who cannot be reached is covered by the group's reminder and named in the group once; /reminders private off is kept.
/// </summary>
public abstract class PrivateReminderTests(StoreFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly Recorder _gateway = new();

    [Fact]
    public async Task ThoseComing_GetTheirOwnReminderPrivately_Once_AndTheUnreachableAreNamedInTheGroupOnce()
    {
        var chat = fixture.NewChat();
        var dispatcher = new DueWorkDispatcher(
            fixture.Store, [new SessionReminders(fixture.Store, new GroupNotices(fixture.Store, new ConversationGateways([_gateway]), fixture.Time))], fixture.Time, NullLogger<DueWorkDispatcher>.Instance);
        _gateway.Unreachable.Add("ben");
        await chat.SayAsync("ana", "/timezone UTC");
        var at = Minute(fixture.Time.GetUtcNow().AddDays(3));
        await chat.SayAsync("ana", $"/session schedule {When(at)}");
        await chat.SayAsync("ana", $"/session schedule {When(at.AddDays(1))}");
        await chat.SayAsync("ana", "/rsvp 1 going");
        await chat.SayAsync("ben", "/rsvp 1 maybe");
        await chat.SayAsync("chloe", "/rsvp 1 no");
        await chat.SayAsync("dan", "/rsvp 1 case Moving offices");
        var off = await chat.SendAsync("eve", "/reminders private off");
        await chat.SayAsync("eve", "/rsvp 1 going");
        await chat.SayAsync("ben", "/rsvp 2 going");

        // The week-before reminder is long past; the day-before one is the private one.
        await RunUntilAsync(dispatcher, at.AddDays(-1).AddMinutes(1));
        Assert.Equal(MessagePurpose.Acknowledgement, Assert.Single(off.Messages).Purpose);
        Assert.Equal(["ana", "ben", "dan"], PrivatelyTo(chat));
        Assert.All(Private(chat), p => Assert.Contains("session 1 is on", p.Message.Text, StringComparison.Ordinal));
        Assert.Contains("Your answer: going, bringing a case: Moving offices.", Private(chat).Single(p => p.PrivatelyTo!.Value.Id == "dan").Message.Text, StringComparison.Ordinal);
        Assert.Equal(
            ["Reminder: session 1", "ben: I cannot write to you privately, so this reminder in the group is yours."],
            Group(chat).Select(t => t.StartsWith("Reminder", StringComparison.Ordinal) ? t[..19] : t.Split(" To get")[0]));

        // Fred answers after it: he gets the hour-before reminder privately; the others are not reminded privately again.
        await chat.SayAsync("fred", "/rsvp 1 going");
        await RunUntilAsync(dispatcher, at.AddMinutes(-59));
        Assert.Equal(["ana", "ben", "dan", "fred"], PrivatelyTo(chat));
        Assert.Equal(3, Group(chat).Count);

        // Ben is still unreachable for session 2: the group was told about him once already.
        await RunUntilAsync(dispatcher, at.AddMinutes(1));
        Assert.Equal(["ana", "ben", "dan", "fred", "ben"], PrivatelyTo(chat));
        Assert.Equal(4, Group(chat).Count);
        Assert.DoesNotContain(Group(chat), t => t.Contains("ben: I cannot", StringComparison.Ordinal) && t != Group(chat)[1]);
        Assert.All(Private(chat), p => Assert.Null(p.Message.RsvpFor));
    }

    [Fact]
    public async Task PrivateRemindersOn_AfterOff_BringThemBack()
    {
        var chat = fixture.NewChat();
        var dispatcher = new DueWorkDispatcher(
            fixture.Store, [new SessionReminders(fixture.Store, new GroupNotices(fixture.Store, new ConversationGateways([_gateway]), fixture.Time))], fixture.Time, NullLogger<DueWorkDispatcher>.Instance);
        await chat.SayAsync("ana", "/reminders set 2h");
        var at = Minute(fixture.Time.GetUtcNow().AddHours(5));
        await chat.SayAsync("ana", $"/session schedule {When(at)}");
        await chat.SayAsync("ben", "/rsvp 1 going");
        await chat.SayAsync("ben", "/reminders private off");

        var shown = await chat.SayAsync("ben", "/reminders");
        await chat.SayAsync("ben", "/reminders private on");
        await RunUntilAsync(dispatcher, at.AddHours(-2).AddMinutes(1));

        Assert.Contains("You turned private reminders off", shown, StringComparison.Ordinal);
        Assert.Equal(["ben"], PrivatelyTo(chat));
    }

    [Fact]
    public async Task AGroupTheBotWasRemovedFrom_IsMarkedInactive_AndNoOneIsWrittenToOnItsBehalf()
    {
        var chat = fixture.NewChat();
        var dispatcher = new DueWorkDispatcher(
            fixture.Store, [new SessionReminders(fixture.Store, new GroupNotices(fixture.Store, new ConversationGateways([_gateway]), fixture.Time))], fixture.Time, NullLogger<DueWorkDispatcher>.Instance);
        await chat.SayAsync("ana", "/reminders set 2h");
        var at = Minute(fixture.Time.GetUtcNow().AddHours(5));
        await chat.SayAsync("ana", $"/session schedule {When(at)}");
        await chat.SayAsync("ben", "/rsvp 1 going");
        _gateway.Gone.Add(chat.Conversation.Id);

        await RunUntilAsync(dispatcher, at.AddHours(-2).AddMinutes(1));

        Assert.Single(_gateway.Posts, p => p.Conversation == chat.Conversation);
        Assert.Empty(Private(chat));
        Assert.False((await fixture.StoredGroupAsync(chat)).Active);
    }

    private IEnumerable<ConversationPost> Private(Chat chat) => _gateway.Posts.Where(p => p.Conversation == chat.Conversation && p.PrivatelyTo is not null);

    private List<string> PrivatelyTo(Chat chat) => [.. Private(chat).Select(p => p.PrivatelyTo!.Value.Id)];

    private List<string> Group(Chat chat) => [.. _gateway.Posts.Where(p => p.Conversation == chat.Conversation && p.PrivatelyTo is null).Select(p => p.Message.Text)];

    private async Task RunUntilAsync(DueWorkDispatcher dispatcher, DateTimeOffset until)
    {
        while (fixture.Time.GetUtcNow() < until)
        {
            fixture.Time.Advance(TimeSpan.FromMinutes(30) < until - fixture.Time.GetUtcNow() ? TimeSpan.FromMinutes(30) : until - fixture.Time.GetUtcNow());
            await dispatcher.RunDueAsync(None);
        }
    }

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);

    private static string When(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The "test" platform: records posts; members in <see cref="Unreachable"/> never opened a private chat.</summary>
    private sealed class Recorder : IConversationGateway
    {
        public List<ConversationPost> Posts { get; } = [];

        public HashSet<string> Unreachable { get; } = [];

        /// <summary>Conversations the bot was removed from.</summary>
        public HashSet<string> Gone { get; } = [];

        public string Platform => "test";

        public Task<PostResult> PostAsync(ConversationPost post, CancellationToken cancellationToken)
        {
            Posts.Add(post);
            return Task.FromResult<PostResult>(post.PrivatelyTo is { } member && Unreachable.Contains(member.Id)
                ? new PostResult.PrivateUnreachable("never started")
                : post.PrivatelyTo is null && Gone.Contains(post.Conversation.Id) ? new PostResult.ConversationGone("kicked")
                : new PostResult.Delivered([Posts.Count.ToString(CultureInfo.InvariantCulture)], null));
        }
    }
}

public sealed class SqlitePrivateReminderTests(SqliteStoreFixture fixture) : PrivateReminderTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresPrivateReminderTests(PostgresStoreFixture fixture) : PrivateReminderTests(fixture), IClassFixture<PostgresStoreFixture>;
