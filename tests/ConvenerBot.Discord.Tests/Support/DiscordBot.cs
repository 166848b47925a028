using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ConvenerBot.Testing;
using Microsoft.Extensions.Logging;
using NSec.Cryptography;

namespace ConvenerBot.Discord.Tests.Support;

/// <summary>
/// The executable's composition with Discord enabled, on a loopback port, configured with the public key of
/// a key pair the test made; requests are signed with its private key, as Discord signs them.
/// </summary>
internal sealed class DiscordBot : IAsyncDisposable
{
    public const string ApplicationId = "123456789012345678";
    public const string Channel = "900000000000000002";
    public const string DirectChannel = "900000000000000009";

    private readonly Key _key;
    private readonly HttpClient _http = new();
    private bool _keepDatabase;

    private DiscordBot(IHost host, Key key, Uri endpoint, string databasePath, ListLoggerProvider logs)
    {
        Host = host;
        _key = key;
        Endpoint = endpoint;
        DatabasePath = databasePath;
        Logs = logs;
    }

    /// <summary>The bot's SQLite file, deleted when the bot is disposed.</summary>
    public string DatabasePath { get; }

    public ListLoggerProvider Logs { get; }

    public IHost Host { get; }

    public Uri Endpoint { get; }

    public static Task<DiscordBot> StartAsync(FakeDiscordRest rest, Action<IServiceCollection>? services = null, params string[] settings) =>
        StartOnAsync(Path.Combine(Path.GetTempPath(), $"convenerbot-dc-{Guid.NewGuid():N}.db"), rest, services, settings);

    /// <summary>
    /// Stops this bot, keeping its database, and starts a new one over the same file, as when the process is
    /// restarted: nothing held in memory survives. The new bot owns the file from then on.
    /// </summary>
    public async Task<DiscordBot> RestartAsync(FakeDiscordRest rest)
    {
        _keepDatabase = true;
        await DisposeAsync();
        return await StartOnAsync(DatabasePath, rest, null, []);
    }

    private static async Task<DiscordBot> StartOnAsync(string databasePath, FakeDiscordRest rest, Action<IServiceCollection>? services, string[] settings)
    {
        var logs = new ListLoggerProvider();
        var key = Key.Create(SignatureAlgorithm.Ed25519);
        var publicKey = Convert.ToHexString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        var host = ConvenerApp.Build([
            "--Discord:Enabled=true",
            $"--Discord:ApplicationId={ApplicationId}",
            $"--Discord:PublicKey={publicKey}",
            "--Discord:BotToken=test-bot-token",
            $"--Discord:ApiBaseUrl={rest.BaseUrl}",
            "--Urls=http://127.0.0.1:0",
            "--Discord:RetryBaseDelay=00:00:00.020",
            $"--Storage:ConnectionString=Data Source={databasePath}",
            .. settings],
            configure: b =>
            {
                b.Logging.AddProvider(logs);
                services?.Invoke(b.Services);
            });
        Assert.Null(await Startup.PrepareAsync(host));
        await host.StartAsync();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DiscordBot(host, key, new Uri(new Uri(address), DiscordInteractions.Path), databasePath, logs);
    }

    /// <summary>The clock requests are stamped with, for a bot given a fake one (Discord's clock agrees with the bot's); the real one by default.</summary>
    public TimeProvider SigningClock { get; set; } = TimeProvider.System;

    public async Task<HttpResponseMessage> PostAsync(string body, Key? signer = null, long? timestamp = null, string? sent = null, string? signatureOverride = null)
    {
        var stamp = (timestamp ?? SigningClock.GetUtcNow().ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexString(SignatureAlgorithm.Ed25519.Sign(signer ?? _key, Encoding.UTF8.GetBytes(stamp + body))).ToLowerInvariant();
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(sent ?? body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Ed25519", signatureOverride ?? signature);
        request.Headers.Add("X-Signature-Timestamp", stamp);
        return await _http.SendAsync(request);
    }

    /// <summary>Signs and sends raw bytes, which need not be valid UTF-8.</summary>
    public async Task<HttpResponseMessage> PostBytesAsync(byte[] body)
    {
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexString(SignatureAlgorithm.Ed25519.Sign(_key, [.. Encoding.UTF8.GetBytes(stamp), .. body])).ToLowerInvariant();
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Signature-Ed25519", signature);
        request.Headers.Add("X-Signature-Timestamp", stamp);
        return await _http.SendAsync(request);
    }

    /// <summary>The JSON of an interaction as Discord would send it, for tests that change it before sending.</summary>
    public static JsonObject RawInteraction(int type, JsonObject data, Member from, string id = "raw") => Interaction(type, data, from, id);

    public Task<HttpResponseMessage> PostUnsignedAsync(string body) =>
        _http.PostAsync(Endpoint, new StringContent(body, Encoding.UTF8, "application/json"));

    /// <summary>Sends an interaction and returns Discord's view of the answer: the parsed response body.</summary>
    public async Task<JsonObject> InteractAsync(int type, JsonObject data, Member from, string? id = null, string? thread = null, bool direct = false)
    {
        var interaction = Interaction(type, data, from, id ?? Guid.NewGuid().ToString("N"));
        if (direct)
        {
            // A direct message: no guild, and the user instead of a guild member.
            interaction.Remove("guild_id");
            interaction["user"] = interaction["member"]!["user"]!.DeepClone();
            interaction.Remove("member");
            interaction["channel_id"] = DirectChannel;
            interaction["channel"] = new JsonObject { ["id"] = DirectChannel, ["type"] = 1 };
            interaction["context"] = 1;
        }

        if (thread is not null)
        {
            interaction["channel_id"] = thread;
            interaction["channel"] = new JsonObject { ["id"] = thread, ["name"] = "Session 1", ["type"] = 11, ["parent_id"] = Channel };
        }

        using var response = await PostAsync(interaction.ToJsonString());
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        SchemaChecker.AssertValidResponse(answer);
        if (answer["data"]?["content"] is not null)
        {
            Assert.Empty(answer["data"]!["allowed_mentions"]!["parse"]!.AsArray());
        }

        return answer;
    }

    public static JsonObject Command(string name, params (string Name, object Value)[] options) =>
        new() { ["id"] = "1", ["name"] = name, ["type"] = 1, ["options"] = Options(options) };

    public static JsonObject SubCommand(string name, string sub, params (string Name, object Value)[] options) =>
        new() { ["id"] = "1", ["name"] = name, ["type"] = 1, ["options"] = new JsonArray(new JsonObject { ["name"] = sub, ["type"] = 1, ["options"] = Options(options) }) };

    public static JsonObject Button(string customId) => new() { ["custom_id"] = customId, ["component_type"] = 2 };

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        _http.Dispose();
        _key.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_keepDatabase)
        {
            return;
        }

        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static JsonArray Options((string Name, object Value)[] options) =>
        new([.. options.Select(o => (JsonNode)new JsonObject
        {
            ["name"] = o.Name,
            ["type"] = o.Value switch { int => 4, bool => 5, Member => 6, _ => 3 },
            ["value"] = o.Value switch { int i => i, bool b => b, Member m => m.Id, _ => o.Value.ToString() },
        })]);

    private static JsonObject Interaction(int type, JsonObject data, Member from, string id)
    {
        var resolved = new JsonObject();
        foreach (var option in Flatten(data))
        {
            if (option["type"]?.GetValue<int>() == 6 && Member.ById(option["value"]!.GetValue<string>()) is { } m)
            {
                resolved["users"] ??= new JsonObject();
                resolved["users"]![m.Id] = new JsonObject { ["id"] = m.Id, ["username"] = m.Name.ToLowerInvariant(), ["global_name"] = m.Name };
            }
        }

        if (resolved.Count > 0)
        {
            data["resolved"] = resolved;
        }

        return new JsonObject
        {
            ["id"] = id,
            ["application_id"] = ApplicationId,
            ["type"] = type,
            ["token"] = "tok-" + id,
            ["version"] = 1,
            ["guild_id"] = "900000000000000001",
            ["channel_id"] = Channel,
            ["channel"] = new JsonObject { ["id"] = Channel, ["name"] = "peer-circle", ["type"] = 0 },
            ["member"] = new JsonObject
            {
                ["user"] = new JsonObject { ["id"] = from.Id, ["username"] = from.Name.ToLowerInvariant(), ["global_name"] = from.Name },
                ["permissions"] = from.Permissions,
            },
            ["data"] = data,
        };
    }

    private static IEnumerable<JsonObject> Flatten(JsonObject node) =>
        node["options"] is JsonArray options
            ? options.OfType<JsonObject>().SelectMany(o => new[] { o }.Concat(Flatten(o)))
            : [];
}

internal sealed record Member(string Id, string Name, string Permissions = "0")
{
    public static readonly Member Ana = new("100000000000000011", "Ana", "8");
    public static readonly Member Ben = new("100000000000000012", "Ben");
    public static readonly Member Chloe = new("100000000000000013", "Chloe");
    public static readonly Member Dan = new("100000000000000014", "Dan", "32");

    /// <summary>Someone who copies Ben's display name.</summary>
    public static readonly Member FakeBen = new("100000000000000015", "Ben");

    public static Member? ById(string id) => new[] { Ana, Ben, Chloe, Dan, FakeBen }.FirstOrDefault(m => m.Id == id);
}
