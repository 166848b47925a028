namespace ConvenerBot.Discord.Tests.Support;

/// <summary>A test class with its own running bot and fake REST server for each test, disposed afterwards.</summary>
public abstract class BotTestBase : IAsyncLifetime
{
    private protected FakeDiscordRest Rest { get; private set; } = null!;

    private protected DiscordBot Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Rest = await FakeDiscordRest.StartAsync();
        Bot = await DiscordBot.StartAsync(Rest);
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Rest.DisposeAsync();
    }
}
