using System.Data.Common;
using Dapper;
using Npgsql;

namespace ConvenerBot.Storage.Tests.Support;

/// <summary>
/// A fresh database on the real Postgres server named by <c>CONVENERBOT_TEST_PG</c> (the README's test
/// command starts one); dropped afterwards. Without that variable the tests fail rather than skip.
/// </summary>
public sealed class PostgresStoreFixture : StoreFixture
{
    public const string Variable = "CONVENERBOT_TEST_PG";

    private readonly string _server;
    private readonly string _database = $"convener_t_{Guid.NewGuid():N}";

    public PostgresStoreFixture()
    {
        _server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests with scripts/test.sh, which starts a throwaway Postgres and sets it.");
    }

    protected override string Provider => "postgres";

    protected override string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;

    /// <summary>The server's host and port, e.g. to put a proxy in front of it.</summary>
    public (string Host, int Port) Server => new NpgsqlConnectionStringBuilder(_server) is var b ? (b.Host!, b.Port) : default;

    /// <summary>This database, reached through another port on the loopback interface (a proxy), failing fast when it is gone.</summary>
    public string ConnectionStringVia(int port) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Host = "127.0.0.1", Port = port, Timeout = 2 }.ConnectionString;

    public override async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(_server))
        {
            await admin.ExecuteAsync($"CREATE DATABASE {_database}");
        }

        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    protected override async Task<DbConnection> OpenRawAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = "convener" }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
