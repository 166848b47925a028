using System.Data;
using System.Data.Common;
using Dapper;
using DbUp;
using DbUp.Builder;
using Npgsql;

namespace ConvenerBot.Storage;

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

    /// <summary>Instants are <c>timestamptz</c>.</summary>
    public static InstantFormat Instants { get; } = new TimestampTz();

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public override string ForUpdate => " FOR UPDATE";

    public override string SkipLocked => " FOR UPDATE SKIP LOCKED";

    // For this transaction only; later ones on the pooled connection wait for the disk again.
    public override string CommitWithoutFlush => "SET LOCAL synchronous_commit = off;\n";

    public override string MigrationFolder => "Postgres";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await DataSource.OpenConnectionAsync(cancellationToken);

    public override ValueTask<DbConnection> OpenReaderAsync(CancellationToken cancellationToken) => OpenAsync(cancellationToken);

    // A read-only transaction at repeatable read sees one snapshot and never fails to serialize.
    public override async ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SET TRANSACTION READ ONLY", transaction: transaction, cancellationToken: cancellationToken));
        return transaction;
    }

    public override Task PrepareForMigrationAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition($"CREATE SCHEMA IF NOT EXISTS {Schema}", cancellationToken: cancellationToken));

    public override UpgradeEngineBuilder Migrations(string journalTable) =>
        DeployChanges.To.PostgresqlDatabase(ConnectionString, Schema).JournalToPostgresqlTable(Schema, journalTable);

    public override bool IsUniqueViolation(Exception exception, UniqueIndex index) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres && postgres.ConstraintName == index.Name;

    public override ValueTask DisposeAsync() => DataSource.DisposeAsync();

    protected override bool? Unreachable(Exception exception) => exception switch
    {
        // Connection exceptions, insufficient resources, operator intervention (shutdown, crash recovery),
        // and conflicts that a second try resolves (serialization, deadlock).
        PostgresException postgres => postgres.IsTransient || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("53", StringComparison.Ordinal) || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException { IsTransient: true } => true,
        _ => null,
    };

    private sealed class TimestampTz : InstantFormat
    {
        public override bool Accepts(IDbDataParameter parameter) => parameter is NpgsqlParameter;

        public override void Write(IDbDataParameter parameter, DateTimeOffset instant) => parameter.Value = instant.ToUniversalTime();

        public override bool TryRead(object value, out DateTimeOffset instant)
        {
            switch (value)
            {
                case DateTimeOffset offset:
                    instant = offset.ToUniversalTime();
                    return true;
                case DateTime time:
                    instant = new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
                    return true;
                default:
                    instant = default;
                    return false;
            }
        }
    }
}
