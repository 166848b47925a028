using System.Diagnostics;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Storage;
using ConvenerBot.Storage.Repositories;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

/// <summary>
/// Due work on Postgres: loads a backlog of pending rows spread over a year (10,000, then 1,000,000), prints
/// the plan of the dispatcher's claim for each, times one dispatcher tick (claim, hand each due row to an
/// in-memory outbox, complete it) with about 20 rows due per tick, then measures the lag from a row's due
/// time to its delivery while rows fall due in real time at a steady rate on top of the large backlog.
/// Works in a throwaway database on the server named by <see cref="Variable"/> and drops it at the end.
/// </summary>
internal static class DuesBench
{
    public const string Variable = "CONVENERBOT_BENCH_PG";

    private const string Kind = "bench";
    private static readonly TimeSpan Year = TimeSpan.FromDays(365);
    private static readonly int[] Backlogs = [10_000, 1_000_000];

    public static async Task<int> RunAsync(int ticks, int lagSeconds, int rate)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } server)
        {
            Console.Error.WriteLine(
                $"The dues benchmark needs a Postgres server. Set {Variable} to a connection string whose role may create "
                + "databases, e.g. Host=127.0.0.1;Port=55432;Username=convener;Database=convener");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // Stop cleanly, so that the throwaway database is dropped.
            e.Cancel = true;
            stop.Cancel();
        };
        var database = $"convener_bench_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.ExecuteAsync($"CREATE DATABASE {database}");
        }

        try
        {
            await RunOnAsync(new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString, ticks, lagSeconds, rate, stop.Token);
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            Console.WriteLine($"Dropped database {database}.");
        }
    }

    private static async Task RunOnAsync(string connectionString, int ticks, int lagSeconds, int rate, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = connectionString,
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddConvenerStorage()
            .BuildServiceProvider();
        await using var _ = services;
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var dialect = (PostgresDialect)services.GetRequiredService<SqlDialect>();
        var store = services.GetRequiredService<IConvenerStore>();
        var data = dialect.DataSource;

        await using (var connection = await data.OpenConnectionAsync(cancellationToken))
        {
            var settings = await connection.QuerySingleAsync<(string Version, string Fsync, string SynchronousCommit)>(
                "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit')");
            Console.WriteLine($"ConvenerBot due-work benchmark: Postgres {settings.Version} (fsync {settings.Fsync}, synchronous_commit {settings.SynchronousCommit}), "
                + $"{Environment.ProcessorCount} cores, batch {DueWorkDispatcher.Batch}, lease {DueWorkDispatcher.Lease.TotalMinutes} min");
            Console.WriteLine(LoadAverage());
        }

        // The backlog lies ahead of the real clock, so that the lag test later runs in front of it.
        var epoch = new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(2), TimeSpan.Zero);
        foreach (var backlog in Backlogs)
        {
            Console.WriteLine();
            Console.WriteLine($"== Backlog of {backlog:N0} pending rows spread over a year ==");
            await ExecuteAsync(data, "TRUNCATE due_work", cancellationToken);
            var spacing = Year / backlog;
            var load = await LoadAsync(data, backlog, epoch, spacing, cancellationToken);
            Console.WriteLine($"Loaded {backlog:N0} rows by binary COPY in {load.TotalSeconds:F2} s ({backlog / load.TotalSeconds:N0} rows/s).");
            var analyze = Stopwatch.StartNew();
            await ExecuteAsync(data, "VACUUM (ANALYZE) due_work", cancellationToken);
            Console.WriteLine($"VACUUM (ANALYZE) took {analyze.Elapsed.TotalSeconds:F2} s.");

            // About one batch is due per tick: the clock moves by 20 rows' spacing.
            var clock = new ManualClock(epoch);
            var perTick = spacing * DueWorkDispatcher.Batch;
            clock.Advance(perTick);
            Console.WriteLine($"Claim plan with {DueWorkDispatcher.Batch + 1} rows due:");
            await ExplainClaimAsync(data, dialect, clock.GetUtcNow(), cancellationToken);

            var outbox = new Outbox(clock);
            var dispatcher = new DueWorkDispatcher(store, [outbox], clock, NullLogger<DueWorkDispatcher>.Instance);
            await dispatcher.RunDueAsync(cancellationToken);
            for (var warmUp = 0; warmUp < 20; warmUp++)
            {
                clock.Advance(perTick);
                await dispatcher.RunDueAsync(cancellationToken);
            }

            var durations = new double[ticks];
            var delivered = outbox.Count;
            for (var tick = 0; tick < ticks; tick++)
            {
                clock.Advance(perTick);
                var started = Stopwatch.GetTimestamp();
                await dispatcher.RunDueAsync(cancellationToken);
                durations[tick] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            Array.Sort(durations);
            var rows = outbox.Count - delivered;
            var left = await ScalarAsync(data, "SELECT COUNT(*) FROM due_work", cancellationToken);
            Console.WriteLine($"Tick (claim + deliver + complete), {ticks} ticks, {(double)rows / ticks:F1} rows per tick, {left:N0} rows left: "
                + $"median {Percentile(durations, 0.50):F2} ms, p95 {Percentile(durations, 0.95):F2} ms, max {durations[^1]:F2} ms "
                + $"({Percentile(durations, 0.50) / DueWorkDispatcher.Batch:F3} ms a row at the median).");

            // The claim alone, in its own transaction as the dispatcher commits it; its rows are then
            // removed untimed, so that no claim has to pass over the rows of the claims before it.
            for (var tick = 0; tick < ticks; tick++)
            {
                clock.Advance(perTick);
                var started = Stopwatch.GetTimestamp();
                IReadOnlyList<DueWork> claimed;
                await using (var claiming = await store.BeginAsync(cancellationToken))
                {
                    claimed = await claiming.DueWork.ClaimAsync("bench", clock.GetUtcNow(), DueWorkDispatcher.Lease, DueWorkDispatcher.Batch, cancellationToken);
                    await claiming.CommitAsync(cancellationToken);
                }

                durations[tick] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                await using var connection = await data.OpenConnectionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM due_work WHERE id = ANY(@Ids)", new { Ids = claimed.Select(w => w.Id).ToArray() }, cancellationToken: cancellationToken));
            }

            Array.Sort(durations);
            Console.WriteLine($"Claim of {DueWorkDispatcher.Batch} alone, committed, {ticks} times: "
                + $"median {Percentile(durations, 0.50):F2} ms, p95 {Percentile(durations, 0.95):F2} ms, max {durations[^1]:F2} ms.");
        }

        Console.WriteLine();
        await MeasureLagAsync(data, store, lagSeconds, rate, cancellationToken);
        var dead = await ScalarAsync(data, "SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'due_work'", cancellationToken);
        Console.WriteLine($"Claim plan after the lag test, nothing due, about {dead:N0} dead rows not yet vacuumed:");
        await ExplainClaimAsync(data, dialect, TimeProvider.System.GetUtcNow(), cancellationToken);
        Console.WriteLine(LoadAverage());
    }

    /// <summary>The machine's load, which the figures depend on (Linux only).</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? $"Load average (1, 5, 15 min): {string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ')[..3])}" : "";

    /// <summary>Rows fall due in real time at <paramref name="rate"/> a second; one dispatcher ticks without pause.</summary>
    private static async Task MeasureLagAsync(NpgsqlDataSource data, IConvenerStore store, int seconds, int rate, CancellationToken cancellationToken)
    {
        var total = seconds * rate;
        var backlog = await ScalarAsync(data, "SELECT COUNT(*) FROM due_work", cancellationToken);
        Console.WriteLine($"== Lag: {rate:N0} rows falling due a second for {seconds} s, in front of {backlog:N0} pending rows ==");
        var time = TimeProvider.System;
        var start = time.GetUtcNow() + TimeSpan.FromSeconds(3);
        start = new DateTimeOffset(start.UtcTicks - (start.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        await LoadAsync(data, total, start, TimeSpan.FromSeconds(1) / rate, cancellationToken);
        if (time.GetUtcNow() > start)
        {
            Console.WriteLine("Loading the rows took longer than the 3 s lead: the first lags below include the load.");
        }

        var outbox = new Outbox(time);
        var dispatcher = new DueWorkDispatcher(store, [outbox], time, NullLogger<DueWorkDispatcher>.Instance);
        var giveUp = start + TimeSpan.FromSeconds(seconds) + TimeSpan.FromSeconds(60);
        var ticks = 0;
        while (outbox.Count < total && time.GetUtcNow() < giveUp)
        {
            await dispatcher.RunDueAsync(cancellationToken);
            ticks++;
        }

        var lags = outbox.Lags.ToArray();
        Array.Sort(lags);
        var span = (outbox.Last - start).TotalSeconds;
        Console.WriteLine($"Delivered {outbox.Count:N0} of {total:N0} in {span:F1} s ({outbox.Count / span:N0} rows/s) over {ticks:N0} ticks; "
            + $"lag from due to delivered: p50 {Percentile(lags, 0.50):F1} ms, p99 {Percentile(lags, 0.99):F1} ms, max {lags[^1]:F1} ms.");
    }

    /// <summary>Loads <paramref name="rows"/> pending rows, the first due at <paramref name="from"/>, one every <paramref name="spacing"/>.</summary>
    private static async Task<TimeSpan> LoadAsync(NpgsqlDataSource data, int rows, DateTimeOffset from, TimeSpan spacing, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var created = TimeProvider.System.GetUtcNow();
        await using var connection = await data.OpenConnectionAsync(cancellationToken);
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY due_work (group_id, kind, subject_id, payload, due_at, created_at) FROM STDIN (FORMAT BINARY)", cancellationToken);
        for (var i = 0; i < rows; i++)
        {
            writer.StartRow();
            writer.WriteNull();
            writer.Write(Kind, NpgsqlDbType.Text);
            writer.Write((long)i, NpgsqlDbType.Bigint);
            writer.WriteNull();
            writer.Write(from + (spacing * i), NpgsqlDbType.TimestampTz);
            writer.Write(created, NpgsqlDbType.TimestampTz);
        }

        await writer.CompleteAsync(cancellationToken);
        return watch.Elapsed;
    }

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) of the repository's own claim statement, rolled back.</summary>
    private static async Task ExplainClaimAsync(NpgsqlDataSource data, SqlDialect dialect, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await data.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var plan = await connection.QueryAsync<string>(new CommandDefinition(
            "EXPLAIN (ANALYZE, BUFFERS) " + DueWorkRepository.ClaimSql(dialect),
            new { Claimer = "explain", Until = now + DueWorkDispatcher.Lease, Now = now, Max = DueWorkDispatcher.Batch },
            transaction,
            cancellationToken: cancellationToken));
        foreach (var line in plan)
        {
            Console.WriteLine("    " + line);
        }

        await transaction.RollbackAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource data, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await data.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: cancellationToken, commandTimeout: 600));
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource data, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await data.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, cancellationToken: cancellationToken));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1))];

    /// <summary>The in-memory platform: takes every piece at once and notes how late it came.</summary>
    private sealed class Outbox(TimeProvider time) : IDueWorkHandler
    {
        private readonly List<double> _lags = [];

        public string Kind => DuesBench.Kind;

        public int Count => _lags.Count;

        public IReadOnlyList<double> Lags => _lags;

        public DateTimeOffset Last { get; private set; }

        public Task<DateTimeOffset?> HandleAsync(DueWork work, DateTimeOffset now, CancellationToken cancellationToken)
        {
            Last = time.GetUtcNow();
            _lags.Add((Last - work.DueAt).TotalMilliseconds);
            return Task.FromResult<DateTimeOffset?>(null);
        }
    }

    /// <summary>A clock that moves only when told, so that a tick finds a known number of rows due.</summary>
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
