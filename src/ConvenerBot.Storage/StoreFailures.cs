using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ConvenerBot.Storage;

/// <summary>Tells a database that cannot be reached from a fault, and names the unique violations the engine expects.</summary>
internal static class StoreFailures
{
    // SQLite: busy, locked, disk I/O error, disk full, cannot open the file.
    private static readonly int[] SqliteUnavailable = [5, 6, 10, 13, 14];

    public static bool IsUnavailable(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case PostgresException postgres:
                    // Connection exceptions, insufficient resources, operator intervention (shutdown, crash
                    // recovery), and conflicts that a second try resolves (serialization, deadlock).
                    return postgres.IsTransient || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("53", StringComparison.Ordinal) || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal);
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case SqliteException sqlite:
                    return SqliteUnavailable.Contains(sqlite.SqliteErrorCode);
                case SocketException or IOException or TimeoutException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>True for a unique violation of the named Postgres constraint or index, or SQLite's on the named column.</summary>
    public static bool IsUniqueViolation(Exception exception, string postgresConstraint, string sqliteColumn) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres => postgres.ConstraintName == postgresConstraint,
        SqliteException { SqliteErrorCode: 19 } sqlite => sqlite.Message.Contains(sqliteColumn, StringComparison.Ordinal),
        _ => false,
    };
}
