using ConvenerBot.Storage.Tests.Support;

namespace ConvenerBot.Storage.Tests;

/// <summary>
/// The two databases' migrations build the same schema: a column, index or key added for one database
/// only, or with another nullability, fails here.
/// </summary>
public sealed class MigrationParityTests(SqliteStoreFixture sqlite, PostgresStoreFixture postgres)
    : IClassFixture<SqliteStoreFixture>, IClassFixture<PostgresStoreFixture>
{
    [Fact]
    public async Task FreshDatabases_GetTheSameScripts_AndTheSameSchema()
    {
        SchemaSnapshot lite, pg;
        await using (var connection = await sqlite.OpenConnectionAsync())
        {
            lite = await SchemaSnapshot.ReadSqliteAsync(connection);
        }

        await using (var connection = await postgres.OpenConnectionAsync())
        {
            pg = await SchemaSnapshot.ReadPostgresAsync(connection, PostgresDialect.Schema);
        }

        Assert.Equal(sqlite.AppliedMigrations, postgres.AppliedMigrations);
        Assert.Equal(pg.Tables, lite.Tables);
        Assert.Equal(pg.Columns, lite.Columns);
        Assert.Equal(pg.PrimaryKeys, lite.PrimaryKeys);
        Assert.Equal(pg.Indexes, lite.Indexes);
        Assert.Equal(pg.ForeignKeys, lite.ForeignKeys);
        Assert.Contains("sessions.status text not null", lite.Columns);
        Assert.Contains("unique index sessions_one_running_per_group on sessions (group_id) where …", lite.Indexes);
    }
}
