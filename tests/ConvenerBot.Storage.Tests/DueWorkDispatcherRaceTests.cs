using System.Collections.Concurrent;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Storage.Tests.Support;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConvenerBot.Storage.Tests;

/// <summary>
/// Three dispatchers, ticking at once until nothing is left, over the same 10,000 due rows: every row is
/// handled exactly once, all three take part, and no row is left behind.
/// </summary>
public abstract class DueWorkDispatcherRaceTests(StoreFixture fixture)
{
    private const int Rows = 10_000;
    private const int Dispatchers = 3;
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The store the dispatcher with this number works on.</summary>
    protected abstract IConvenerStore StoreOf(int dispatcher);

    [Fact]
    public async Task ThreeDispatchers_RacingOverTheSameDueWork_HandleEveryRowExactlyOnce()
    {
        var now = fixture.Time.GetUtcNow();
        List<long> ids;
        await using (var connection = await fixture.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < @Rows)
                INSERT INTO due_work (group_id, kind, subject_id, payload, due_at, created_at)
                SELECT NULL, @Kind, x, NULL, @Now, @Now FROM n
                """, new { Rows, Kind = Recorder.WorkKind, Now = now });
            ids = [.. await connection.QueryAsync<long>("SELECT id FROM due_work WHERE kind = @Kind", new { Kind = Recorder.WorkKind })];
        }

        var handled = new ConcurrentDictionary<long, int>();
        var recorders = Enumerable.Range(0, Dispatchers).Select(_ => new Recorder(handled)).ToList();
        var dispatchers = recorders
            .Select((recorder, i) => new DueWorkDispatcher(StoreOf(i), [recorder], fixture.Time, NullLogger<DueWorkDispatcher>.Instance))
            .ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ticking = dispatchers.Select(d => Task.Run(async () =>
        {
            await start.Task;
            return await TickUntilNothingIsLeftAsync(d);
        })).ToList();
        start.SetResult();
        var done = await Task.WhenAll(ticking);

        Assert.Equal(Rows, ids.Count);
        Assert.Equal(Dispatchers, dispatchers.Select(d => d.Claimer).Distinct().Count());
        Assert.Equal(ids.Order(), handled.Keys.Order());
        Assert.All(handled, h => Assert.Equal(1, h.Value));
        Assert.Equal(Rows, done.Sum());
        Assert.Equal(done, recorders.Select(r => r.Count));
        Assert.All(recorders, r => Assert.True(r.Count > 0, $"a dispatcher handled nothing: {string.Join(", ", done)}"));
        await using var check = await fixture.OpenConnectionAsync();
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM due_work"));
    }

    /// <summary>What the host does every tick, done again at once until a tick finds nothing due.</summary>
    private static async Task<int> TickUntilNothingIsLeftAsync(DueWorkDispatcher dispatcher)
    {
        var done = 0;
        while (await dispatcher.RunDueAsync(None) is var n && n > 0)
        {
            done += n;
        }

        return done;
    }

    /// <summary>Counts how often each row was handled, across dispatchers, and how many this one handled.</summary>
    private sealed class Recorder(ConcurrentDictionary<long, int> handled) : IDueWorkHandler
    {
        public const string WorkKind = "test-race";

        private int _count;

        public string Kind => WorkKind;

        public int Count => Volatile.Read(ref _count);

        public async Task<DateTimeOffset?> HandleAsync(DueWork work, DateTimeOffset now, CancellationToken cancellationToken)
        {
            // Sending gives way to the other dispatchers, as a post to a platform would.
            await Task.Yield();
            handled.AddOrUpdate(work.Id, 1, (_, count) => count + 1);
            Interlocked.Increment(ref _count);
            return null;
        }
    }
}

/// <summary>Three instances: each dispatcher has its own store and connection pool on the same Postgres database.</summary>
public sealed class PostgresDueWorkDispatcherRaceTests(PostgresStoreFixture fixture) : DueWorkDispatcherRaceTests(fixture), IClassFixture<PostgresStoreFixture>
{
    private readonly IConvenerStore[] _stores = [fixture.CreateStore(), fixture.CreateStore(), fixture.CreateStore()];

    protected override IConvenerStore StoreOf(int dispatcher) => _stores[dispatcher];
}

/// <summary>
/// Three dispatchers in one process on one SQLite store, as several hosted workers of one instance would be:
/// their claims and completions queue behind the store's one writer while their handlers run side by side.
/// Separate stores on one SQLite file (as separate processes) are not raced here: they would only take
/// turns at SQLite's file lock, polling with sleeps, so the race would measure SQLite's busy timeout rather
/// than anything ConvenerBot decides; Postgres is where instances take rows side by side.
/// </summary>
public sealed class SqliteDueWorkDispatcherRaceTests(SqliteStoreFixture fixture) : DueWorkDispatcherRaceTests(fixture), IClassFixture<SqliteStoreFixture>
{
    protected override IConvenerStore StoreOf(int dispatcher) => fixture.Store;
}
