using System.Data.Common;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;
using ConvenerBot.Storage.Tests.Support;

namespace ConvenerBot.Storage.Tests;

/// <summary>Read-only transactions, and the commands that use them, which do not wait for a write in flight; run against SQLite and Postgres.</summary>
public abstract class ReadPathTests(StoreFixture fixture)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadOnlyCommandsAndSuggestions_CompleteWhileAWriteHoldsTheWriter()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/case open Funding gap");
        await chat.SayAsync("ana", "/session schedule 2026-12-26 10:00 case 1");
        var group = await fixture.StoredGroupAsync(chat);
        var delivery = chat.Inbound("ana", "/session list") with { DeliveryId = "read-" + Guid.NewGuid().ToString("N") };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        Task<string> write;
        Task<Reply> recorded;
        string[] reads;
        IReadOnlyList<Suggestion> suggestions;

        await using (var held = await fixture.Store.BeginAsync(timeout.Token))
        {
            // A write in flight: the embedded store's writer queue and SQLite's write lock are taken, and
            // on Postgres the group's row is locked.
            await held.Groups.SetTimeZoneAsync(group.Id, "Europe/Oslo", timeout.Token);

            suggestions = await fixture.Convener.SuggestAsync(chat.Conversation, SuggestionKind.Case, "", 25, timeout.Token).WaitAsync(timeout.Token);
            reads = await Task.WhenAll(new[] { "/case list", "/case show 1", "/session list", "/me", "/protocols", "/timezone", "/help" }
                .Select(text => chat.SayAsync("ana", text))).WaitAsync(timeout.Token);
            write = chat.SayAsync("ana", "/case open Waits its turn");
            recorded = fixture.Convener.HandleAsync(delivery, timeout.Token);

            Assert.False(write.IsCompleted);
        }

        Assert.Equal("1. Funding gap (ana)", Assert.Single(suggestions).Label);
        Assert.Contains("1. Funding gap — ana, scheduled", reads[0], StringComparison.Ordinal);
        Assert.StartsWith("Case 1: Funding gap", reads[1], StringComparison.Ordinal);
        Assert.StartsWith("Upcoming sessions:", reads[2], StringComparison.Ordinal);
        Assert.StartsWith("You are ana, an organizer", reads[3], StringComparison.Ordinal);
        Assert.StartsWith("Protocols:", reads[4], StringComparison.Ordinal);
        Assert.StartsWith("This group's time zone is UTC.", reads[5], StringComparison.Ordinal);
        Assert.StartsWith("Commands:", reads[6], StringComparison.Ordinal);
        Assert.StartsWith("Saved case 2", await write.WaitAsync(timeout.Token), StringComparison.Ordinal);
        Assert.StartsWith("Upcoming sessions:", (await recorded.WaitAsync(timeout.Token)).Messages[0].Text, StringComparison.Ordinal);
        Assert.True((await fixture.Convener.HandleAsync(delivery, timeout.Token)).AlreadyHandled);
    }

    [Fact]
    public async Task ReadOnlyCommand_FromSomeoneNew_StillRecordsThem()
    {
        var chat = fixture.NewChat(ConversationKind.Group);
        await chat.SayAsync("ana", "/case open Funding gap");

        var me = await chat.SayAsync("bo", "/me");
        var renamed = await fixture.Convener.HandleAsync(chat.Inbound("bo", "/me") with { DisplayName = "Bo B." }, CancellationToken.None);

        Assert.StartsWith("You are bo, a member", me, StringComparison.Ordinal);
        Assert.StartsWith("You are Bo B., a member", renamed.Messages[0].Text, StringComparison.Ordinal);
        var group = await fixture.StoredGroupAsync(chat);
        await using var tx = await fixture.Store.BeginReadAsync(CancellationToken.None);
        Assert.Contains(await tx.Members.ListAsync(group.Id, CancellationToken.None), m => m.ExternalId == "bo" && m.DisplayName == "Bo B.");
    }

    [Fact]
    public async Task ReadTransaction_RefusesWrites()
    {
        await using var read = await fixture.Store.BeginReadAsync(CancellationToken.None);

        await Assert.ThrowsAnyAsync<DbException>(() =>
            read.Groups.GetOrCreateAsync(new ConversationRef("read", Guid.NewGuid().ToString("N")), "Circle", "UTC", Now, CancellationToken.None));
    }

    [Fact]
    public async Task ReadTransaction_FindCurrent_IsNullWhileTheStoredMemberIsOutOfDate()
    {
        long groupId;
        await using (var tx = await fixture.Store.BeginAsync(CancellationToken.None))
        {
            groupId = (await tx.Groups.GetOrCreateAsync(new ConversationRef("read", Guid.NewGuid().ToString("N")), "Circle", "UTC", Now, CancellationToken.None)).Id;
            await tx.Members.GetOrCreateAsync(groupId, new MemberProfile("1", "Ana", "ana"), firstMemberOrganizes: false, Now, CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }

        await using var read = await fixture.Store.BeginReadAsync(CancellationToken.None);
        var members = read.Members;

        Assert.Equal("Ana", (await members.FindCurrentAsync(groupId, new MemberProfile("1", "Ana", "ana"), CancellationToken.None))?.DisplayName);
        Assert.NotNull(await members.FindCurrentAsync(groupId, new MemberProfile("1", "Ana", null) { HandleKnown = false }, CancellationToken.None));
        Assert.Null(await members.FindCurrentAsync(groupId, new MemberProfile("1", "Ana", null), CancellationToken.None));
        Assert.Null(await members.FindCurrentAsync(groupId, new MemberProfile("1", "Ana Maria", "ana"), CancellationToken.None));
        Assert.Null(await members.FindCurrentAsync(groupId, new MemberProfile("2", "Ana", "ana"), CancellationToken.None));
    }
}

public sealed class SqliteReadPathTests(SqliteStoreFixture fixture) : ReadPathTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresReadPathTests(PostgresStoreFixture fixture) : ReadPathTests(fixture), IClassFixture<PostgresStoreFixture>;
