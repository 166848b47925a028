using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using DbUp;
using DbUp.Builder;
using Microsoft.Data.Sqlite;

namespace ConvenerBot.Storage;

internal sealed class SqliteDialect(string connectionString) : SqlDialect
{
    // Busy, locked, disk I/O error, disk full, cannot open the file.
    private static readonly int[] UnreachableCodes = [5, 6, 10, 13, 14];

    private readonly SemaphoreSlim _writer = new(1, 1);

    private readonly string _readerConnectionString = ReadOnly(Build(connectionString));

    /// <summary>Instants are fixed-width ISO-8601 text in UTC, so text order is time order.</summary>
    public static InstantFormat Instants { get; } = new IsoText();

    public string ConnectionString { get; } = Build(connectionString);


    // SQLite locks the whole database for a write transaction (BEGIN IMMEDIATE), so rows need no lock.
    public override string ForUpdate => "";

    // Claims are writes, and this process's writers queue (EnterWriterAsync) under SQLite's one database
    // write lock: no two claims ever run at once, so there is nothing to skip.
    public override string SkipLocked => "";

    // SQLite sets how commits reach the disk per connection (PRAGMA synchronous), not per transaction.
    public override string CommitWithoutFlush => "";

    public override string MigrationFolder => "Sqlite";

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

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public override async ValueTask<DbConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readerConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    // A deferred transaction takes no lock until it reads, and then only a reader's: with write-ahead
    // logging it sees the last commit before its first read, while a writer goes on.
    public override ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    // Write-ahead logging lets readers go on while one transaction writes; the setting stays with the file.
    public override Task PrepareForMigrationAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL", cancellationToken: cancellationToken));

    public override UpgradeEngineBuilder Migrations(string journalTable) =>
        DeployChanges.To.SqliteDatabase(ConnectionString).JournalToSqliteTable(journalTable);

    // SQLite names the columns of the violated index, not the index.
    public override bool IsUniqueViolation(Exception exception, UniqueIndex index) =>
        exception is SqliteException { SqliteErrorCode: 19 } sqlite
        && sqlite.Message.Contains(string.Join(", ", index.Columns.Select(c => $"{index.Table}.{c}")), StringComparison.Ordinal);

    public override ValueTask DisposeAsync()
    {
        _writer.Dispose();
        return ValueTask.CompletedTask;
    }

    protected override bool? Unreachable(Exception exception) =>
        exception is SqliteException sqlite ? UnreachableCodes.Contains(sqlite.SqliteErrorCode) : null;

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

    /// <summary>The same database opened read-only, so that a read cannot take a write lock (a shared in-memory database keeps its mode).</summary>
    private static string ReadOnly(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode is not SqliteOpenMode.Memory)
        {
            builder.Mode = SqliteOpenMode.ReadOnly;
        }

        return builder.ToString();
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

    private sealed class IsoText : InstantFormat
    {
        private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

        public override bool Accepts(IDbDataParameter parameter) => parameter is SqliteParameter;

        public override void Write(IDbDataParameter parameter, DateTimeOffset instant)
        {
            parameter.DbType = DbType.String;
            parameter.Value = instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
        }

        public override bool TryRead(object value, out DateTimeOffset instant)
        {
            if (value is string text)
            {
                instant = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
                return true;
            }

            instant = default;
            return false;
        }
    }
}
