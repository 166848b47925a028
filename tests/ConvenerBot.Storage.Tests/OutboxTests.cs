using System.Globalization;
using ConvenerBot.Core;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Storage.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConvenerBot.Storage.Tests;

/// <summary>
/// A command's answer is kept in the outbox with the change it reports: an adapter that dies before
/// delivering it, or that the platform keeps refusing, loses nothing; a refused command posts nothing.
/// </summary>
public abstract class OutboxTests(StoreFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly Recorder _posts = new();

    private DueWorkDispatcher Dispatcher(IConversationGateway? gateway = null)
    {
        var notices = new GroupNotices(fixture.Store, new ConversationGateways([gateway ?? _posts]), fixture.Time);
        var outbox = new Outbox(fixture.Store, new ConversationGateways([gateway ?? _posts]), notices, NullLogger<Outbox>.Instance);
        return new DueWorkDispatcher(fixture.Store, [outbox], fixture.Time, NullLogger<DueWorkDispatcher>.Instance);
    }

    [Fact]
    public async Task AnAnswerNotDelivered_IsPostedFromTheOutbox_OnceItsHoldRunsOut_AndOnlyOnce()
    {
        var chat = fixture.NewChat();
        var dispatcher = Dispatcher();
        await chat.SayAsync("ana", "/timezone UTC");

        // The adapter dies after the commit, before the answer is out.
        var reply = await chat.SendUnsettledAsync("ana", "/case open Funding gap");
        var ticket = Assert.IsType<OutboxTicket>(reply.Ticket);
        await dispatcher.RunDueAsync(None);
        Assert.DoesNotContain(_posts.Posts, p => p.Conversation == chat.Conversation);

        fixture.Time.Advance(Outbox.DefaultAnswerWithin + TimeSpan.FromSeconds(1));
        await dispatcher.RunDueAsync(None);
        var post = Assert.Single(_posts.Posts, p => p.Conversation == chat.Conversation);
        Assert.Equal(reply.Messages[0].Text, post.Message.Text);
        Assert.Null(post.PrivatelyTo);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"o{ticket.Id}m0"), post.Nonce);

        // Done: nothing is posted twice, and the adapter settling late changes nothing.
        fixture.Time.Advance(TimeSpan.FromHours(1));
        await dispatcher.RunDueAsync(None);
        await fixture.Convener.SettleAsync(reply, [], None);
        Assert.Single(_posts.Posts, p => p.Conversation == chat.Conversation);
        await using var tx = await fixture.Store.BeginReadAsync(None);
        Assert.Null(await tx.DueWork.FindAsync(ticket.Id, None));
    }

    [Fact]
    public async Task ARefusedCommand_LeavesNoOutboxRow_AndASettledAnswerLeavesNone()
    {
        var chat = fixture.NewChat();
        var dispatcher = Dispatcher();
        var refused = await chat.SendUnsettledAsync("ana", "/case show 42");
        Assert.True(refused.Refused);
        Assert.Null(refused.Ticket);

        var answered = await chat.SendAsync("ana", "/case open Funding gap");
        var ticket = Assert.IsType<OutboxTicket>(answered.Ticket);
        await using (var tx = await fixture.Store.BeginReadAsync(None))
        {
            Assert.Null(await tx.DueWork.FindAsync(ticket.Id, None));
        }

        fixture.Time.Advance(TimeSpan.FromHours(1));
        await dispatcher.RunDueAsync(None);
        Assert.DoesNotContain(_posts.Posts, p => p.Conversation == chat.Conversation);
    }

    [Fact]
    public async Task WhatThePlatformDidNotTake_IsPostedFromTheOutbox_InItsSpace_AndTheRestIsNotRepeated()
    {
        var chat = fixture.NewChat();
        var dispatcher = Dispatcher();
        await chat.SayAsync("ana", "/case open Funding gap");
        await chat.SayAsync("ana", "/session schedule 2026-12-26 10:00 case 1");
        var start = await fixture.Convener.HandleAsync(chat.Inbound("ana", "/session start 1 now") with { Space = "topic-7", MessageId = "m-41" }, None);
        Assert.True(start.Messages.Count >= 2, "the start answer and the first stage's prompt");
        var prompt = start.Messages.Single(m => m.Stage is not null && m.Actions is { Count: > 0 });

        // The adapter posted the start answer but the platform gave up on the prompt.
        await fixture.Convener.SettleAsync(start, [prompt], None);
        await dispatcher.RunDueAsync(None);
        var post = Assert.Single(_posts.Posts, p => p.Conversation == chat.Conversation);
        Assert.Equal(prompt.Text, post.Message.Text);
        Assert.Equal("topic-7", post.Space);

        // The prompt posted from the outbox is known by its message id: a reply to it is a contribution.
        var contribution = await fixture.Convener.HandleAsync(
            chat.Inbound("chloe", "What have you tried so far?") with { RepliedToMessageId = _posts.LastId }, None);
        // (Refused only because the first stage, the holder's telling, collects nothing; text the engine did
        // not know as a reply to a prompt would have been ignored.)
        Assert.False(contribution.Ignored);
        Assert.Contains("This stage (Bring a real challenge) collects no contributions", contribution.Messages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConfidentialAnswer_GoesOnlyToItsMember_AndIsNeverPostedInTheGroup()
    {
        var chat = await fixture.NewChat().WithRunningSessionAsync();
        await chat.SayAsync("ben", "/session end 1");
        var gateway = new Recorder { PrivateReachable = false };
        var dispatcher = Dispatcher(gateway);

        // A command that only reads keeps no outbox row, unless it first brings the member's record up to date
        // (here: a new display name), and so runs as a write.
        var summary = await fixture.Convener.HandleAsync(chat.Inbound("ana", "/summary 1") with { DisplayName = "Ana Q" }, None);
        Assert.NotNull(summary.Ticket);
        Assert.Contains(summary.Messages, m => m.Confidential);
        fixture.Time.Advance(Outbox.DefaultAnswerWithin + TimeSpan.FromSeconds(1));
        await dispatcher.RunDueAsync(None);

        // Ana cannot be written to privately: the summary is dropped, not shown to the group.
        var tried = Assert.Single(gateway.Posts, p => p.Conversation == chat.Conversation);
        Assert.Equal(new MemberRef("test", "ana"), tried.PrivatelyTo);
        Assert.DoesNotContain(gateway.Delivered, p => p.Conversation == chat.Conversation);
    }

    [Fact]
    public async Task APostThePlatformKeepsRefusing_IsTriedAgainLater_WithoutRepeatingWhatWentOut()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/case open Funding gap");
        await chat.SayAsync("ana", "/session schedule 2026-12-26 10:00 case 1");
        // The platform takes the start answer, then gives up on the stage's prompt.
        var gateway = new Recorder { Fails = p => p.Conversation == chat.Conversation && p.Message.Stage is not null };
        var dispatcher = Dispatcher(gateway);
        var start = await chat.SendUnsettledAsync("ana", "/session start 1 now");
        Assert.True(start.Messages.Count >= 2);
        IEnumerable<string> Delivered() => gateway.Delivered.Where(p => p.Conversation == chat.Conversation).Select(p => p.Message.Text);

        fixture.Time.Advance(Outbox.DefaultAnswerWithin + TimeSpan.FromSeconds(1));
        await dispatcher.RunDueAsync(None);
        Assert.Equal([start.Messages[0].Text], Delivered());

        gateway.Fails = null;
        fixture.Time.Advance(DueWorkDispatcher.RetryDelay(0));
        await dispatcher.RunDueAsync(None);
        Assert.Equal(start.Messages.Select(m => m.Text), Delivered());
    }

    /// <summary>The adapter boundary for the "test" platform: records what would be posted.</summary>
    private sealed class Recorder : IConversationGateway
    {
        public List<ConversationPost> Posts { get; } = [];

        public List<ConversationPost> Delivered { get; } = [];

        public bool PrivateReachable { get; init; } = true;

        /// <summary>Posts the platform gives up on.</summary>
        public Func<ConversationPost, bool>? Fails { get; set; }

        public string LastId => Posts.Count.ToString(CultureInfo.InvariantCulture);

        public string Platform => "test";

        public Task<PostResult> PostAsync(ConversationPost post, CancellationToken cancellationToken)
        {
            Posts.Add(post);
            if (post.PrivatelyTo is not null && !PrivateReachable)
            {
                return Task.FromResult<PostResult>(new PostResult.PrivateUnreachable("never started a private chat"));
            }

            if (Fails?.Invoke(post) == true)
            {
                return Task.FromResult<PostResult>(new PostResult.NotDelivered("the platform gave up"));
            }

            Delivered.Add(post);
            return Task.FromResult<PostResult>(new PostResult.Delivered([LastId], post.Space));
        }
    }
}

public sealed class SqliteOutboxTests(SqliteStoreFixture fixture) : OutboxTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresOutboxTests(PostgresStoreFixture fixture) : OutboxTests(fixture), IClassFixture<PostgresStoreFixture>;
