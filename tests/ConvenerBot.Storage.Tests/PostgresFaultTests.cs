using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;
using ConvenerBot.Storage.Tests.Support;
using ConvenerBot.Testing;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ConvenerBot.Storage.Tests;

/// <summary>What members see when Postgres goes away, and when two instances race, on a real server.</summary>
public sealed class PostgresFaultTests(PostgresStoreFixture fixture) : IClassFixture<PostgresStoreFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task DatabaseOutage_IsNotAFailureOfTheCommand_AndTheSameMessageIsSavedOnceAfterwards()
    {
        var (host, port) = fixture.Server;
        await using var outage = new TcpOutage(host, port);
        var convener = fixture.CreateConvener(fixture.ConnectionStringVia(outage.Port));
        var chat = new Chat(convener, fixture.Time);
        await chat.SayAsync("ana", "/case open Before the outage");
        var kept = chat.Inbound("ana", "/case open During the outage") with { DeliveryId = "outage-" + Guid.NewGuid().ToString("N") };

        outage.Cut();
        var before = await fixture.DumpAsync();
        var during = await convener.HandleAsync(kept, None);
        var unchanged = await fixture.DumpAsync();
        outage.Restore();
        var after = await convener.HandleAsync(kept, None);
        var again = await convener.HandleAsync(kept, None);

        Assert.True(during.StoreUnavailable);
        Assert.Equal("I can't save right now; I'll keep your message and retry as soon as I can. No need to send it again.", Assert.Single(during.Messages).Text);
        Assert.Equal(before, unchanged);
        Assert.StartsWith("Saved case 2: During the outage.", after.Messages[0].Text, StringComparison.Ordinal);
        Assert.True(again.AlreadyHandled);
        Assert.DoesNotContain(fixture.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task TwoInstancesStartingAtOnce_TheLoserIsToldASessionRuns()
    {
        var chat = new Chat(fixture.Convener, fixture.Time);
        await chat.SayAsync("ana", "/case open One");
        await chat.SayAsync("ana", "/session schedule 2026-12-26 10:00 case 1");
        await chat.SayAsync("ana", "/session schedule 2026-12-27 10:00 case 1");
        var group = await fixture.StoredGroupAsync(chat);

        // The other instance has started session 1 and not committed yet: its row holds the unique index.
        await using (var other = await fixture.Store.BeginAsync(None))
        {
            var first = (await other.Sessions.FindAsync(group.Id, 1, forUpdate: true, None))!;
            var ana = await other.Members.GetOrCreateAsync(group.Id, new MemberProfile("ana", "ana"), firstMemberOrganizes: false, fixture.Time.GetUtcNow(), None);
            first.Start(ana.Id, fixture.Time.GetUtcNow());
            await other.Sessions.SaveAsync(first, None);

            var racing = chat.SendAsync("ana", "/session start 2 now");
            await WaitUntilBlockedAsync();
            await other.CommitAsync(None);
            var reply = await racing;

            Assert.True(reply.Refused, reply.Messages[0].Text);
            Assert.Equal("Another session has just been started in this group. End it with /session end before starting another.", reply.Messages[0].Text);
        }

        Assert.Contains("running, stage 1", await chat.SayAsync("ana", "/session list"), StringComparison.Ordinal);
    }

    /// <summary>Waits until a statement of the engine waits on a lock held by the other transaction.</summary>
    private async Task WaitUntilBlockedAsync()
    {
        await using var watcher = new NpgsqlConnection(fixture.ConnectionStringVia(fixture.Server.Port));
        for (var i = 0; i < 500; i++)
        {
            if (await watcher.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0)
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("The engine never waited for the other transaction.");
    }
}
