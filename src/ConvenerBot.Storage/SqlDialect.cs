using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ConvenerBot.Storage;

/// <summary>
/// The small seam between the two databases. The repositories' SQL is shared; what differs is how a
/// connection is made, how a row is locked, and which migration scripts apply.
/// </summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    /// <summary>Appended to a SELECT that must lock its rows until commit.</summary>
    public abstract string ForUpdate { get; }

    /// <summary>The folder under Migrations/ holding this database's scripts.</summary>
    public abstract string MigrationFolder { get; }

    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Waits until this process may open a write transaction; disposing the result lets the next one in.</summary>
    public virtual ValueTask<IDisposable?> EnterWriterAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    public abstract ValueTask DisposeAsync();

    public static SqlDialect Create(StorageOptions options) =>
        options.IsPostgres ? new PostgresDialect(options.ConnectionString) : new SqliteDialect(options.ConnectionString);
}

internal sealed class PostgresDialect : SqlDialect
{
    public const string Schema = "convener";

    public PostgresDialect(string connectionString)
    {
        // Tables live in their own schema; the search path lets one SQL text serve both databases.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = Schema };
        ConnectionString = builder.ConnectionString;
        DataSource = NpgsqlDataSource.Create(builder);
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public override string ForUpdate => " FOR UPDATE";

    public override string MigrationFolder => "Postgres";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await DataSource.OpenConnectionAsync(cancellationToken);

    public override ValueTask DisposeAsync() => DataSource.DisposeAsync();
}

internal sealed class SqliteDialect(string connectionString) : SqlDialect
{
    public string ConnectionString { get; } = Build(connectionString);

    /// <summary>Foreign keys on; another process's write lock is waited for 30 s unless the connection string says otherwise.</summary>
    private static string Build(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true };
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }

    // SQLite locks the whole database for a write transaction (BEGIN IMMEDIATE), so rows need no lock.
    public override string ForUpdate => "";

    public override string MigrationFolder => "Sqlite";

    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>
    /// SQLite lets one writer in at a time and makes the others poll with sleeps, which costs far more
    /// than waiting in line: within the process, transactions queue here instead. Other processes on the
    /// same file are still kept apart by SQLite's own lock and busy timeout.
    /// </summary>
    public override async ValueTask<IDisposable?> EnterWriterAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        return new Lease(_writer);
    }

    private sealed class Lease(SemaphoreSlim writer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                writer.Release();
            }
        }
    }

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public override ValueTask DisposeAsync()
    {
        _writer.Dispose();
        return ValueTask.CompletedTask;
    }
}
