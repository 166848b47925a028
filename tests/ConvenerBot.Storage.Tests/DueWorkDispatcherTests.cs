using ConvenerBot.Core.Persistence;
using ConvenerBot.Storage.Tests.Support;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConvenerBot.Storage.Tests;

/// <summary>The dispatcher carries out due work through real stores: recurring upkeep, failures tried again later, work taken over when a claim runs out.</summary>
public abstract class DueWorkDispatcherTests(StoreFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly Flaky _flaky = new();

    private DueWorkDispatcher Dispatcher(params IDueWorkHandler[] more) =>
        new(fixture.Store, [new ForgetOldDeliveries(fixture.Store), _flaky, .. more], fixture.Time, NullLogger<DueWorkDispatcher>.Instance);

    [Fact]
    public async Task ForgettingOldDeliveries_RunsAtStart_ThenOnceADay_ForTheWholeDeployment()
    {
        var platform = "upkeep-" + Guid.NewGuid().ToString("N")[..8];
        var now = fixture.Time.GetUtcNow();
        await using (var tx = await fixture.Store.BeginAsync(None))
        {
            Assert.True(await tx.Deliveries.TryRecordAsync(platform, "old", now - TimeSpan.FromDays(8), None));
            Assert.True(await tx.Deliveries.TryRecordAsync(platform, "recent", now - TimeSpan.FromDays(1), None));
            await tx.CommitAsync(None);
        }

        var dispatcher = Dispatcher();
        await dispatcher.EnsureRecurringAsync([ForgetOldDeliveries.WorkKind], None);
        await dispatcher.EnsureRecurringAsync([ForgetOldDeliveries.WorkKind], None);
        Assert.True(await dispatcher.RunDueAsync(None) >= 1);

        await using (var tx = await fixture.Store.BeginAsync(None))
        {
            Assert.True(await tx.Deliveries.TryRecordAsync(platform, "old", now, None));
            Assert.False(await tx.Deliveries.TryRecordAsync(platform, "recent", now, None));
        }

        // Started twice, it is there once, next due a day later.
        Assert.Equal(0, await dispatcher.RunDueAsync(None));
        fixture.Time.Advance(ForgetOldDeliveries.Every);
        Assert.Equal(1, await dispatcher.RunDueAsync(None));
    }

    [Fact]
    public async Task FailingWork_IsTriedAgainAfterAPause_AndWorkWhoseClaimRanOut_IsTakenOverOnce()
    {
        var first = Dispatcher();
        var second = Dispatcher();
        var subject = Random.Shared.NextInt64(1, long.MaxValue);
        await using (var tx = await fixture.Store.BeginAsync(None))
        {
            await tx.DueWork.AddAsync(new DueWork(0, null, Flaky.WorkKind, subject, "fail-once", fixture.Time.GetUtcNow(), fixture.Time.GetUtcNow()), None);
            await tx.CommitAsync(None);
        }

        Assert.Equal(0, await first.RunDueAsync(None));
        Assert.Equal(1, _flaky.Failures(subject));
        Assert.Equal(0, await second.RunDueAsync(None));
        fixture.Time.Advance(DueWorkDispatcher.RetryDelay(0));
        Assert.Equal(1, await second.RunDueAsync(None));
        Assert.Equal(1, _flaky.Successes(subject));

        // A worker claims work and dies: nobody else runs it while the claim lasts, someone does after.
        await using (var tx = await fixture.Store.BeginAsync(None))
        {
            await tx.DueWork.AddAsync(new DueWork(0, null, Flaky.WorkKind, subject, null, fixture.Time.GetUtcNow(), fixture.Time.GetUtcNow()), None);
            await tx.CommitAsync(None);
        }

        await using (var tx = await fixture.Store.BeginAsync(None))
        {
            Assert.Single(await tx.DueWork.ClaimAsync("a worker that dies", fixture.Time.GetUtcNow(), DueWorkDispatcher.Lease, 100, None), w => w.SubjectId == subject);
            await tx.CommitAsync(None);
        }

        Assert.Equal(0, await first.RunDueAsync(None));
        fixture.Time.Advance(DueWorkDispatcher.Lease);
        Assert.Equal(1, await first.RunDueAsync(None));
        Assert.Equal(2, _flaky.Successes(subject));
    }

    [Fact]
    public async Task DispatcherThatDiesBetweenClaimAndSend_KeepsOthersOffUntilItsLeaseEnds_ThenEachPieceIsDeliveredOnce()
    {
        var now = fixture.Time.GetUtcNow();
        var subject = Random.Shared.NextInt64(1, long.MaxValue / 2);
        var ids = new List<long>();
        await using (var tx = await fixture.Store.BeginAsync(None))
        {
            // One batch and five more, oldest first.
            for (var i = 0; i < DueWorkDispatcher.Batch + 5; i++)
            {
                ids.Add(await tx.DueWork.AddAsync(new DueWork(0, null, Deliveries.WorkKind, subject + i, null, now - TimeSpan.FromSeconds(100 - i), now), None));
            }

            await tx.CommitAsync(None);
        }

        // The host stops (or the process dies) while the sixth piece of its batch is being sent: the
        // dispatcher's token is cancelled, so nothing after that point runs, as nothing would in a dead process.
        using var dying = new CancellationTokenSource();
        var dead = new Deliveries(dieAt: 6, dying);
        var first = Dispatcher(dead);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.RunDueAsync(dying.Token));
        Assert.Equal(ids[..5], dead.Delivered);
        await using (var connection = await fixture.OpenConnectionAsync())
        {
            Assert.Equal(
                ids[5..DueWorkDispatcher.Batch],
                (await connection.QueryAsync<long>("SELECT id FROM due_work WHERE claimed_by = @Claimer ORDER BY id", new { first.Claimer })).ToList());
        }

        // Until the lease ends, another dispatcher takes only what the dead one never claimed.
        var survivor = new Deliveries();
        var second = Dispatcher(survivor);
        fixture.Time.Advance(DueWorkDispatcher.Lease - TimeSpan.FromMilliseconds(1));
        await second.RunDueAsync(None);
        Assert.Equal(ids[DueWorkDispatcher.Batch..], survivor.Delivered);

        fixture.Time.Advance(TimeSpan.FromMilliseconds(1));
        await second.RunDueAsync(None);
        Assert.Equal([.. ids[DueWorkDispatcher.Batch..], .. ids[5..DueWorkDispatcher.Batch]], survivor.Delivered);
        Assert.Equal(ids, dead.Delivered.Concat(survivor.Delivered).Order());
        await using var check = await fixture.OpenConnectionAsync();
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM due_work WHERE kind = @Kind", new { Kind = Deliveries.WorkKind }));
    }

    /// <summary>Records what it delivered, in order; told to, it dies as it is about to send its n-th piece.</summary>
    private sealed class Deliveries(int? dieAt = null, CancellationTokenSource? dying = null) : IDueWorkHandler
    {
        public const string WorkKind = "test-delivery";

        private readonly List<long> _delivered = [];
        private int _started;

        public string Kind => WorkKind;

        public IReadOnlyList<long> Delivered => _delivered;

        public Task<DateTimeOffset?> HandleAsync(DueWork work, DateTimeOffset now, CancellationToken cancellationToken)
        {
            if (++_started == dieAt)
            {
                dying!.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }

            _delivered.Add(work.Id);
            return Task.FromResult<DateTimeOffset?>(null);
        }
    }

    /// <summary>Fails the first time a row says "fail-once"; counts what it did per subject.</summary>
    private sealed class Flaky : IDueWorkHandler
    {
        public const string WorkKind = "test-flaky";

        private readonly Dictionary<long, (int Failures, int Successes)> _counts = [];

        public string Kind => WorkKind;

        public int Failures(long subject) => _counts.GetValueOrDefault(subject).Failures;

        public int Successes(long subject) => _counts.GetValueOrDefault(subject).Successes;

        public Task<DateTimeOffset?> HandleAsync(DueWork work, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var (failures, successes) = _counts.GetValueOrDefault(work.SubjectId!.Value);
            if (work.Payload == "fail-once" && work.Attempts == 0)
            {
                _counts[work.SubjectId.Value] = (failures + 1, successes);
                throw new InvalidOperationException("the first try fails");
            }

            _counts[work.SubjectId.Value] = (failures, successes + 1);
            return Task.FromResult<DateTimeOffset?>(null);
        }
    }
}

public sealed class SqliteDueWorkDispatcherTests(SqliteStoreFixture fixture) : DueWorkDispatcherTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresDueWorkDispatcherTests(PostgresStoreFixture fixture) : DueWorkDispatcherTests(fixture), IClassFixture<PostgresStoreFixture>;
