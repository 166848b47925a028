using ConvenerBot.Core.Commands;
using System.Net;
using System.Text.Json;
using ConvenerBot.Discord.Tests.Support;
using NSec.Cryptography;

namespace ConvenerBot.Discord.Tests;

/// <summary>The endpoint's security: real Ed25519-signed requests, made with the test's own key pair.</summary>
public sealed class InteractionsEndpointTests : BotTestBase
{
    [Fact]
    public async Task Ping_WithAValidSignature_GetsPong()
    {
        using var response = await Bot.PostAsync("""{"id":"1","application_id":"123456789012345678","type":1,"token":"t","version":1}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"type":1}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BadSignature_MissingHeaders_StaleTimestamp_AlteredBody_AreAll401_AndChangeNothing()
    {
        var body = """{"id":"7","type":2,"token":"t","version":1,"channel_id":"900000000000000002","member":{"user":{"id":"100000000000000011","username":"ana"},"permissions":"8"},"data":{"id":"1","name":"case","type":1,"options":[{"name":"open","type":1,"options":[{"name":"title","type":3,"value":"Forged"}]}]}}""";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var otherKey = Key.Create(SignatureAlgorithm.Ed25519);

        using var wrongKey = await Bot.PostAsync(body, signer: otherKey);
        using var noHeaders = await Bot.PostUnsignedAsync(body);
        using var stale = await Bot.PostAsync(body, timestamp: now - 3600);
        using var future = await Bot.PostAsync(body, timestamp: now + 3600);
        using var altered = await Bot.PostAsync(body, sent: body.Replace("Forged", "Forgex", StringComparison.Ordinal));
        using var garbage = await Bot.PostAsync(body, signatureOverride: new string('z', 128));
        using var shortSignature = await Bot.PostAsync(body, signatureOverride: "abcd");

        Assert.All(new[] { wrongKey, noHeaders, stale, future, altered, garbage, shortSignature }, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        var list = await Bot.InteractAsync(2, DiscordBot.SubCommand("case", "list"), Member.Ana);
        Assert.StartsWith("No cases yet", list["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedJson_AndUnknownTypes_Are400()
    {
        using var malformed = await Bot.PostAsync("""{"type":1,""");
        using var notAnObject = await Bot.PostAsync("[1,2,3]");
        using var unknown = await Bot.PostAsync("""{"id":"1","type":99,"token":"t","version":1,"data":{}}""");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAnObject.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("interaction of type 99", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnabledButIncomplete_StopsStartup_NamingWhatIsMissing()
    {
        using var host = ConvenerApp.Build(["--Discord:Enabled=true", $"--Discord:ApplicationId={DiscordBot.ApplicationId}", "--Urls=http://127.0.0.1:0"]);

        var failure = await Startup.PrepareAsync(host);

        Assert.Equal("Discord is enabled but these settings are missing: Discord:PublicKey, Discord:BotToken (set it with the environment variable CONVENERBOT__Discord__BotToken).", failure);
    }

    [Fact]
    public async Task RetryDeadline_BeyondTheInteractionTokensLife_StopsStartup()
    {
        using var host = ConvenerApp.Build([
            "--Discord:Enabled=true", $"--Discord:ApplicationId={DiscordBot.ApplicationId}", $"--Discord:PublicKey={new string('a', 64)}",
            "--Discord:BotToken=t", "--Discord:RetryDeadline=00:20:00", "--Urls=http://127.0.0.1:0"]);

        var failure = await Startup.PrepareAsync(host);

        Assert.StartsWith("Discord:RetryDeadline must be more than 0 and at most 00:14:00", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_AreRegisteredWithOneBulkOverwrite_ThatMatchesDiscordsSchema()
    {
        await Rest.WaitForAsync(r => r.Calls.Any(c => c.Method == "PUT"));

        var put = Assert.Single(Rest.Calls, c => c.Method == "PUT");
        Assert.Equal($"applications/{DiscordBot.ApplicationId}/commands", put.Path);
        Assert.Equal("Bot test-bot-token", put.Authorization);
        var commands = put.Body!.AsArray();
        Assert.Contains(commands, c => c!["name"]!.GetValue<string>() == "session");
        Assert.All(commands, c => SchemaChecker.AssertValid(c, "ApplicationCommandCreateRequest"));
        Assert.Equal(["help", "me", "version"], commands.Where(c => c!["contexts"]!.AsArray().Count == 2).Select(c => c!["name"]!.GetValue<string>()).Order());
        // One bulk overwrite carries every command of the engine's table.
        Assert.Equal(CommandTable.Tops.Order(), commands.Select(c => c!["name"]!.GetValue<string>()).Order());
    }
}
