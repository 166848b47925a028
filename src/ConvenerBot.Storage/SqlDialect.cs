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
    public string ConnectionString { get; } = new SqliteConnectionStringBuilder(connectionString)
    {
        ForeignKeys = true,
        DefaultTimeout = 30,
    }.ToString();

    // SQLite locks the whole database for a write transaction (BEGIN IMMEDIATE), so rows need no lock.
    public override string ForUpdate => "";

    public override string MigrationFolder => "Sqlite";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
