using Dapper;
using DbUp;
using DbUp.Engine;
using Microsoft.Extensions.Logging;

namespace ConvenerBot.Storage;

/// <summary>
/// Applies the forward-only, numbered SQL scripts under Migrations/ that the database has not seen yet,
/// each in its own transaction, recording them in a journal table.
/// </summary>
public sealed partial class DatabaseMigrator
{
    private readonly SqlDialect _dialect;
    private readonly ILogger<DatabaseMigrator> _logger;

    internal DatabaseMigrator(SqlDialect dialect, ILogger<DatabaseMigrator> logger)
    {
        _dialect = dialect;
        _logger = logger;
    }

    /// <summary>Brings the schema up to date and returns the names of the scripts it applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var prefix = $"{typeof(DatabaseMigrator).Namespace}.Migrations.{_dialect.MigrationFolder}.";
        UpgradeEngine engine;
        await using (var connection = await _dialect.OpenAsync(cancellationToken))
        {
            if (_dialect is PostgresDialect)
            {
                await connection.ExecuteAsync(new CommandDefinition($"CREATE SCHEMA IF NOT EXISTS {PostgresDialect.Schema}", cancellationToken: cancellationToken));
            }
            else
            {
                await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL", cancellationToken: cancellationToken));
            }
        }

        var builder = _dialect switch
        {
            PostgresDialect pg => DeployChanges.To.PostgresqlDatabase(pg.ConnectionString, PostgresDialect.Schema)
                .JournalToPostgresqlTable(PostgresDialect.Schema, "schema_versions"),
            SqliteDialect lite => DeployChanges.To.SqliteDatabase(lite.ConnectionString)
                .JournalToSqliteTable("schema_versions"),
            _ => throw new InvalidOperationException("Unknown SQL dialect."),
        };
        engine = builder
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.StartsWith(prefix, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();

        var result = await Task.Run(engine.PerformUpgrade, cancellationToken);
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Database migration failed in script {result.ErrorScript?.Name}: {result.Error.Message}", result.Error);
        }

        var applied = result.Scripts.Select(s => s.Name[prefix.Length..]).ToList();
        LogMigrated(_logger, applied.Count);
        return applied;
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Database schema is up to date; applied {Count} new script(s)")]
    private static partial void LogMigrated(ILogger logger, int count);
}
