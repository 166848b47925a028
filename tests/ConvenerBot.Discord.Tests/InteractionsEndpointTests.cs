using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NSec.Cryptography;

namespace ConvenerBot.Discord.Tests;

/// <summary>
/// Real Ed25519-signed requests, made with a key pair of the test's own, against the executable's web
/// host on a loopback port with that public key configured.
/// </summary>
public sealed class InteractionsEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519);
    private readonly HttpClient _http = new();
    private IHost _host = null!;
    private Uri _endpoint = null!;

    public async Task InitializeAsync()
    {
        var publicKey = Convert.ToHexString(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        _host = ConvenerApp.Build([
            "--Discord:Enabled=true",
            "--Discord:ApplicationId=123456789012345678",
            $"--Discord:PublicKey={publicKey}",
            "--Discord:BotToken=test-bot-token",
            "--Urls=http://127.0.0.1:0",
            $"--Storage:ConnectionString=Data Source={Path.Combine(Path.GetTempPath(), $"convenerbot-dc-{Guid.NewGuid():N}.db")}"]);
        Assert.Null(await Startup.PrepareAsync(_host));
        await _host.StartAsync();
        var address = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _endpoint = new Uri(new Uri(address), DiscordInteractions.Path);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    public void Dispose()
    {
        _http.Dispose();
        _key.Dispose();
    }

    [Fact]
    public async Task Ping_WithAValidSignature_GetsPong()
    {
        using var response = await PostAsync("""{"id":"1","application_id":"123456789012345678","type":1,"token":"t","version":1}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"type":1}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BadSignature_MissingHeaders_StaleTimestamp_AlteredBody_AreAll401()
    {
        const string Body = """{"id":"1","type":1,"token":"t","version":1}""";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        using var wrongKey = await PostAsync(Body, signer: Key.Create(SignatureAlgorithm.Ed25519));
        using var noHeaders = await _http.PostAsync(_endpoint, new StringContent(Body, Encoding.UTF8, "application/json"));
        using var stale = await PostAsync(Body, timestamp: now - 3600);
        using var future = await PostAsync(Body, timestamp: now + 3600);
        using var altered = await PostAsync(Body, sent: Body.Replace("\"type\":1", "\"type\":2", StringComparison.Ordinal));
        using var garbage = await PostAsync(Body, signatureOverride: new string('z', 128));
        using var shortSignature = await PostAsync(Body, signatureOverride: "abcd");

        Assert.All(
            new[] { wrongKey, noHeaders, stale, future, altered, garbage, shortSignature },
            r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
    }

    [Fact]
    public async Task MalformedJson_AndUnknownTypes_Are400()
    {
        using var malformed = await PostAsync("""{"type":1,""");
        using var notAnObject = await PostAsync("[1,2,3]");
        using var unknown = await PostAsync("""{"id":"1","type":99,"token":"t","version":1}""");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAnObject.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Unknown interaction type 99", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_IsAnsweredPrivately_WithNoMentionsAllowed()
    {
        using var response = await PostAsync("""{"id":"1","type":2,"token":"t","version":1,"data":{"id":"9","name":"help","type":1}}""");

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var data = json.RootElement.GetProperty("data");
        Assert.Equal(4, json.RootElement.GetProperty("type").GetInt32());
        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        Assert.Equal(0, data.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
    }

    [Fact]
    public async Task EnabledButIncomplete_StopsStartup_NamingWhatIsMissing()
    {
        using var host = ConvenerApp.Build(["--Discord:Enabled=true", "--Discord:ApplicationId=123456789012345678", "--Urls=http://127.0.0.1:0"]);

        var failure = await Startup.PrepareAsync(host);

        Assert.Equal("Discord is enabled but these settings are missing: Discord:PublicKey, Discord:BotToken (set it with the environment variable CONVENERBOT__Discord__BotToken).", failure);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, Key? signer = null, long? timestamp = null, string? sent = null, string? signatureOverride = null)
    {
        var stamp = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexString(SignatureAlgorithm.Ed25519.Sign(signer ?? _key, Encoding.UTF8.GetBytes(stamp + body))).ToLowerInvariant();
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new StringContent(sent ?? body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Ed25519", signatureOverride ?? signature);
        request.Headers.Add("X-Signature-Timestamp", stamp);
        return await _http.SendAsync(request);
    }
}
