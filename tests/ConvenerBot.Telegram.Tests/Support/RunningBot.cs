using ConvenerBot.Core.Persistence;
using ConvenerBot.Telegram.Tests.Fake;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using ConvenerBot.Testing;

namespace ConvenerBot.Telegram.Tests.Support;

/// <summary>
/// The real executable's composition, in process, with Telegram enabled and pointed at a fake Bot API
/// server. Send limits are shortened so whole sessions run quickly; the limiter itself is tested apart.
/// </summary>
internal sealed class RunningBot : IAsyncDisposable
{
    public const string Secret = "s3cret-Token_1";

    private readonly TempDatabase? _ownDatabase;

    private RunningBot(IHost host, string database, ListLoggerProvider logs, TempDatabase? ownDatabase)
    {
        _ownDatabase = ownDatabase;
        Host = host;
        Database = database;
        Logs = logs;
    }

    public IHost Host { get; }

    public string Database { get; }

    public ListLoggerProvider Logs { get; }

    public IConvenerStore Store => Host.Services.GetRequiredService<IConvenerStore>();

    /// <summary>The webhook address on the bot's own web server (webhook mode only).</summary>
    public Uri WebhookUrl
    {
        get
        {
            var address = Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(new Uri(address), TelegramWebhook.Path);
        }
    }

    public static async Task<RunningBot> StartAsync(
        FakeBotApi api,
        bool webhook = false,
        string? database = null,
        Action<IServiceCollection>? services = null,
        string? token = null,
        string connectionOptions = "",
        params string[] settings)
    {
        var own = database is null ? new TempDatabase() : null;
        database ??= own!.Path;
        var args = new List<string>
        {
            "--Telegram:Enabled=true",
            $"--Telegram:Token={token ?? api.Token}",
            $"--Telegram:ApiBaseUrl={api.BaseUrl}",
            "--Telegram:PollTimeoutSeconds=1",
            "--Telegram:AdministratorsCacheSeconds=0",
            "--Telegram:PerChatInterval=00:00:00.010",
            "--Telegram:PerGroupPerMinute=1000",
            "--Telegram:GlobalPerSecond=1000",
            "--Telegram:StoreRetryDelay=00:00:00.200",
            "--Telegram:SendRetryDelay=00:00:00.010",
            $"--Storage:ConnectionString=Data Source={database}{connectionOptions}",
            "--Logging:LogLevel:Default=Information",
        };
        args.AddRange(settings);
        if (webhook)
        {
            args.AddRange(["--Telegram:Mode=webhook", "--Telegram:WebhookUrl=https://bot.example.org/telegram/webhook", $"--Telegram:SecretToken={Secret}", "--Urls=http://127.0.0.1:0"]);
        }

        var logs = new ListLoggerProvider();
        var host = ConvenerApp.Build([.. args], configure: builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            services?.Invoke(builder.Services);
        });
        var failure = await Startup.PrepareAsync(host);
        Assert.True(failure is null, failure);
        await host.StartAsync();
        return new RunningBot(host, database, logs, own);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(TimeSpan.FromSeconds(10));
        Host.Dispose();
        _ownDatabase?.Dispose();
    }
}
