using System.Data.Common;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Storage.Repositories;
using ConvenerBot.Storage.Tests.Support;
using Dapper;

namespace ConvenerBot.Storage.Tests;

/// <summary>
/// Completing due work commits without waiting for the disk where the database allows it (a lost removal
/// only means the work is done once more), and only that transaction: every other commit still waits.
/// </summary>
public abstract class DueWorkCompletionTests(StoreFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>How the open transaction's commit reaches the disk, as the database reports it.</summary>
    protected abstract Task<string> DurabilityAsync(DbConnection connection, DbTransaction transaction);

    /// <summary>What <see cref="DurabilityAsync"/> says for an ordinary transaction, and for one that completed due work.</summary>
    protected abstract (string Ordinary, string Completing) Expected { get; }

    /// <summary>
    /// Makes the connection's own default the durable one, whatever the server's (the test suite's throwaway
    /// server does not wait for the disk at all), so that the completion's change can be seen.
    /// </summary>
    protected virtual Task DurableByDefaultAsync(DbConnection connection) => Task.CompletedTask;

    [Fact]
    public async Task Completing_CommitsWithoutWaitingForTheDisk_WhereTheDatabaseAllows_AndOnlyThatTransaction()
    {
        var now = fixture.Time.GetUtcNow();
        await using var connection = await fixture.Dialect.OpenAsync(None);
        await DurableByDefaultAsync(connection);
        long id;
        await using (var adding = await connection.BeginTransactionAsync(None))
        {
            var work = new DueWorkRepository(new DbContext(connection, adding, fixture.Dialect));
            id = await work.AddAsync(new DueWork(0, null, "test-completion", Random.Shared.NextInt64(1, long.MaxValue), null, now - TimeSpan.FromDays(400), now), None);
            Assert.Contains(await work.ClaimAsync("completer", now - TimeSpan.FromDays(399), DueWorkDispatcher.Lease, 100, None), w => w.Id == id);
            Assert.Equal(Expected.Ordinary, await DurabilityAsync(connection, adding));
            await adding.CommitAsync(None);
        }

        await using (var completing = await connection.BeginTransactionAsync(None))
        {
            var work = new DueWorkRepository(new DbContext(connection, completing, fixture.Dialect));
            Assert.False(await work.CompleteAsync(id, "someone else", None));
            Assert.True(await work.CompleteAsync(id, "completer", None));
            Assert.Equal(Expected.Completing, await DurabilityAsync(connection, completing));
            await completing.CommitAsync(None);
        }

        // A completion that comes with a write that must survive (recurring work's next run) waits for the disk.
        await using (var again = await connection.BeginTransactionAsync(None))
        {
            var work = new DueWorkRepository(new DbContext(connection, again, fixture.Dialect));
            var next = await work.AddAsync(new DueWork(0, null, "test-completion", Random.Shared.NextInt64(1, long.MaxValue), null, now - TimeSpan.FromDays(400), now), None);
            Assert.Contains(await work.ClaimAsync("completer", now - TimeSpan.FromDays(399), DueWorkDispatcher.Lease, 100, None), w => w.Id == next);
            Assert.True(await work.CompleteAsync(next, "completer", None, alone: false));
            Assert.Equal(Expected.Ordinary, await DurabilityAsync(connection, again));
            await again.CommitAsync(None);
        }

        // The pooled connection goes back to waiting for the disk.
        await using (var next = await connection.BeginTransactionAsync(None))
        {
            Assert.Equal(Expected.Ordinary, await DurabilityAsync(connection, next));
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM due_work WHERE id = @Id", new { Id = id }, next));
        }
    }
}

public sealed class PostgresDueWorkCompletionTests(PostgresStoreFixture fixture) : DueWorkCompletionTests(fixture), IClassFixture<PostgresStoreFixture>
{
    protected override (string Ordinary, string Completing) Expected => ("on", "off");

    protected override Task<string> DurabilityAsync(DbConnection connection, DbTransaction transaction) =>
        connection.ExecuteScalarAsync<string>("SHOW synchronous_commit", transaction: transaction)!;

    protected override Task DurableByDefaultAsync(DbConnection connection) => connection.ExecuteAsync("SET synchronous_commit = on");
}

public sealed class SqliteDueWorkCompletionTests(SqliteStoreFixture fixture) : DueWorkCompletionTests(fixture), IClassFixture<SqliteStoreFixture>
{
    // FULL: SQLite's setting is the connection's, and completing leaves it alone.
    protected override (string Ordinary, string Completing) Expected => ("2", "2");

    protected override async Task<string> DurabilityAsync(DbConnection connection, DbTransaction transaction) =>
        (await connection.ExecuteScalarAsync<long>("PRAGMA synchronous", transaction: transaction)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
