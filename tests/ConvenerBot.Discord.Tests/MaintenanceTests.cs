using ConvenerBot.Discord.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ConvenerBot.Discord.Tests;

/// <summary>Upkeep that every deployment needs, Discord-only ones included.</summary>
public sealed class MaintenanceTests
{
    [Fact]
    public async Task DiscordOnlyDeployment_ForgetsDeliveryIdsOlderThanAWeek()
    {
        var path = Path.Combine(Path.GetTempPath(), $"convenerbot-dc-upkeep-{Guid.NewGuid():N}.db");
        var database = $"--Storage:ConnectionString=Data Source={path}";
        try
        {
            await using var rest = await FakeDiscordRest.StartAsync();
            await using (var first = await DiscordBot.StartAsync(rest, null, database))
            {
                await first.InteractAsync(2, DiscordBot.Command("me"), Member.Ana, id: "old-delivery");
            }

            await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var age = connection.CreateCommand();
                age.CommandText = "UPDATE deliveries SET received_at = '2000-01-01T00:00:00.0000000Z'";
                Assert.Equal(1, await age.ExecuteNonQueryAsync());
            }

            await using var second = await DiscordBot.StartAsync(rest, null, database);

            await Eventually.HoldsAsync(() => CountDeliveries(path) == 0, "the week-old delivery id was never forgotten");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task RejectedBotToken_StopsTheApplication_WithOneClearLine()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        rest.Fail("PUT", "applications/", times: 1, status: 401);

        await using var bot = await DiscordBot.StartAsync(rest);
        var lifetime = bot.Host.Services.GetRequiredService<IHostApplicationLifetime>();
        await Eventually.HoldsAsync(() => lifetime.ApplicationStopping.IsCancellationRequested, "a rejected token did not stop the application");

        var line = Assert.Single(bot.Logs.Entries, e => e.Id.Id == 5022);
        Assert.Contains("check Discord:BotToken", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Message.Contains("test-bot-token", StringComparison.Ordinal));
        Environment.ExitCode = 0;
    }

    private static long CountDeliveries(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM deliveries";
        return (long)count.ExecuteScalar()!;
    }
}
