using System.Data.Common;
using System.Net.Sockets;
using DbUp.Builder;

namespace ConvenerBot.Storage;

/// <summary>
/// Everything that differs between the two databases, and nothing else: the repositories' SQL is shared.
/// A dialect says how a connection opens, how rows are locked, how an instant is stored, which migration
/// scripts apply and how they are journaled, and which failures mean the database cannot be reached.
/// </summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    /// <summary>Every dialect's instant format, for Dapper's process-wide type handler.</summary>
    public static IReadOnlyList<InstantFormat> InstantFormats { get; } = [PostgresDialect.Instants, SqliteDialect.Instants];

    /// <summary>Appended to a SELECT that must lock its rows until commit.</summary>
    public abstract string ForUpdate { get; }

    /// <summary>
    /// Appended to the SELECT that picks rows to claim: locks them until commit and passes over rows another
    /// claimer has locked, so concurrent claimers take disjoint rows.
    /// </summary>
    public abstract string SkipLocked { get; }

    /// <summary>
    /// Put before a statement whose transaction may commit without waiting for the disk: a crash of the
    /// database server just after may lose the whole commit (never a part of it); a crash of the caller cannot.
    /// </summary>
    public abstract string CommitWithoutFlush { get; }

    /// <summary>The folder under Migrations/ holding this database's scripts.</summary>
    public abstract string MigrationFolder { get; }

    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Opens a connection for a transaction that only reads.</summary>
    public abstract ValueTask<DbConnection> OpenReaderAsync(CancellationToken cancellationToken);

    /// <summary>Begins a transaction that reads one consistent state, takes no write lock, and refuses writes.</summary>
    public abstract ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Waits until this process may open a write transaction; disposing the result lets the next one in.</summary>
    public virtual ValueTask<IDisposable?> EnterWriterAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    /// <summary>Readies the database for its first script (harmless on a migrated one), on a connection of its own.</summary>
    public abstract Task PrepareForMigrationAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>DbUp's builder for this database, journaling applied scripts in <paramref name="journalTable"/>.</summary>
    public abstract UpgradeEngineBuilder Migrations(string journalTable);

    /// <summary>
    /// True when the exception, or one it wraps, says the database could not be reached or stopped answering:
    /// nothing was saved and the same work may be tried again later.
    /// </summary>
    public bool IsUnavailable(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (Unreachable(ex) is { } unreachable)
            {
                return unreachable;
            }

            if (ex is SocketException or IOException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the exception violates <paramref name="index"/>.</summary>
    public abstract bool IsUniqueViolation(Exception exception, UniqueIndex index);

    public abstract ValueTask DisposeAsync();

    /// <summary>Whether this database's own exception means it is unreachable; null for an exception that is not its own.</summary>
    protected abstract bool? Unreachable(Exception exception);

    public static SqlDialect Create(StorageOptions options) =>
        options.IsPostgres ? new PostgresDialect(options.ConnectionString) : new SqliteDialect(options.ConnectionString);
}
