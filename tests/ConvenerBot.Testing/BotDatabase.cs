using Microsoft.Data.Sqlite;

namespace ConvenerBot.Testing;

/// <summary>
/// Reaches into a running bot's SQLite file where a test of a whole host cannot wait for the real clock:
/// moving due work to the past, reading a column back.
/// </summary>
public static class BotDatabase
{
    /// <summary>An instant long past, in the store's text form.</summary>
    public const string LongAgo = "2000-01-01T00:00:00.0000000Z";

    /// <summary>Makes the oldest pending work of a kind (with this payload, when given) due at once; fails unless there is one.</summary>
    public static async Task MakeDueAsync(string path, string kind, string? payload = null)
    {
        var moved = await ExecuteAsync(
            path,
            $"""
            UPDATE due_work SET due_at = '{LongAgo}'
            WHERE id = (SELECT MIN(id) FROM due_work WHERE kind = $kind AND ($payload IS NULL OR payload = $payload))
            """,
            ("$kind", kind),
            ("$payload", payload));
        if (moved != 1)
        {
            throw new InvalidOperationException($"No pending due work of kind '{kind}' with payload '{payload}'.");
        }
    }

    public static async Task<int> ExecuteAsync(string path, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<string?> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync() as string;
    }
}
