using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ConvenerBot.Storage.Tests.Support;

/// <summary>The embedded store in a temporary file.</summary>
public sealed class SqliteStoreFixture : StoreFixture
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"convenerbot-test-{Guid.NewGuid():N}.db");

    protected override string Provider => "sqlite";

    protected override string ConnectionString => $"Data Source={_path}";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }

    protected override async Task<DbConnection> OpenRawAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
