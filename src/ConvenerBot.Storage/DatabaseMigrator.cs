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
    private const string JournalTable = "schema_versions";

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
        await using (var connection = await _dialect.OpenAsync(cancellationToken))
        {
            await _dialect.PrepareForMigrationAsync(connection, cancellationToken);
        }

        var engine = _dialect.Migrations(JournalTable)
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
