using Microsoft.Data.Sqlite;

namespace ConvenerBot.Telegram.Tests.Support;

/// <summary>A SQLite file in the temp directory, deleted (with its journal files) on dispose.</summary>
internal sealed class TempDatabase : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"convenerbot-tg-{Guid.NewGuid():N}.db");

    /// <summary>
    /// A second connection holding the database's write lock (BEGIN IMMEDIATE): with Default Timeout=1 the
    /// bot's writes fail as if the store were out. Disposing it rolls back and lets them through again.
    /// </summary>
    public async Task<SqliteConnection> LockAsync()
    {
        var blocker = new SqliteConnection($"Data Source={Path};Pooling=False");
        await blocker.OpenAsync();
        await using var begin = blocker.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync();
        return blocker;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(Path + suffix);
        }
    }
}
