using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ConvenerBot.Telegram.Tests.Fake;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ConvenerBot.Telegram.Tests;

/// <summary>The fake Bot API answers the real <see cref="TelegramBotClient"/> the way Telegram does.</summary>
public sealed class FakeBotApiTests : IAsyncLifetime
{
    private const long Group = -1001234567890;
    private const long Forum = -1009876543210;
    private static readonly User Ana = FakeBotApi.Person(11, "Ana");

    private static readonly HttpClient Http = new();

    private FakeBotApi _api = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _api.AddChat(Group, "Peer circle", isForum: false, Ana.Id);
        _api.AddChat(Forum, "Forum circle", isForum: true, Ana.Id);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task GetMe_ReturnsTheBot()
    {
        var me = await Client().GetMe();

        Assert.Equal(123456, me.Id);
        Assert.True(me.IsBot);
        Assert.Equal("ConvenerTestBot", me.Username);
        Assert.Equal("getme", Assert.Single(_api.Requests).Method);
    }

    [Fact]
    public async Task SendMessage_Html_ReturnsPlainTextAndIsRecorded()
    {
        const string Html = "<b>Case 1</b> &lt;draft&gt; &amp; <a href=\"https://example.org/?a=1&amp;b=2\">notes</a> <span class='tg-spoiler'>&#128161;</span>";
        var keyboard = new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Next", "s:n:1:1"));

        var message = await Client().SendMessage(Forum, Html, ParseMode.Html, replyMarkup: keyboard, messageThreadId: 7);

        Assert.Equal("Case 1 <draft> & notes 💡", message.Text);
        Assert.Equal(7, message.MessageThreadId);
        Assert.Equal(_api.BotUser.Id, message.From!.Id);
        Assert.Equal("s:n:1:1", message.ReplyMarkup!.InlineKeyboard.Single().Single().CallbackData);
        var sent = Assert.Single(_api.SentMessages);
        Assert.Equal((Forum, 7, Html, "Html", message.Id), (sent.ChatId, sent.MessageThreadId, sent.Text, sent.ParseMode, sent.MessageId));
        Assert.Equal(200, Assert.Single(_api.Requests).Status);
    }

    [Theory]
    [InlineData("line<br>break", "Unsupported start tag \"br\" at byte offset 4")]
    [InlineData("<b>open", "Can't find end tag corresponding to start tag \"b\"")]
    [InlineData("<b>x</i>", "Unmatched end tag at byte offset 4, expected \"</b>\", found \"</i>\"")]
    [InlineData("é <span class=\"note\">x</span>", "Tag \"span\" must have class \"tg-spoiler\"")]
    [InlineData("é <a href=\"https://example.org/", "Unclosed start tag at byte offset 3")]
    public async Task SendMessage_InvalidHtml_IsRefused(string html, string reason)
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Client().SendMessage(Group, html, ParseMode.Html));

        Assert.Equal(400, error.ErrorCode);
        Assert.Equal("Bad Request: can't parse entities: " + reason, error.Message);
        Assert.Empty(_api.SentMessages);
    }

    [Fact]
    public async Task SendMessage_LongerThan4096Characters_IsRefused()
    {
        await Client().SendMessage(Group, "<b>" + new string('x', 4096) + "</b>", ParseMode.Html);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Client().SendMessage(Group, new string('x', 4097)));

        Assert.Equal(400, error.ErrorCode);
        Assert.Equal("Bad Request: message is too long", error.Message);
    }

    [Fact]
    public async Task SendMessage_CallbackDataOver64Bytes_IsRefused()
    {
        var data = new string('é', 33);
        Assert.Equal(66, Encoding.UTF8.GetByteCount(data));

        var error = await Assert.ThrowsAsync<ApiRequestException>(() =>
            Client().SendMessage(Group, "Pick one", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Pick", data))));

        Assert.Equal("Bad Request: BUTTON_DATA_INVALID", error.Message);
    }

    [Fact]
    public async Task SendMessage_UnknownChat_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Client().SendMessage(-10042, "Hello"));

        Assert.Equal("Bad Request: chat not found", error.Message);
    }

    [Fact]
    public async Task TooManyRequests_WithinRetryThreshold_IsRetriedByTheClient()
    {
        _api.FailNext("sendMessage", 429, "Too Many Requests: retry after 1", retryAfter: 1);

        var message = await Client().SendMessage(Group, "Hello");

        Assert.Equal("Hello", message.Text);
        Assert.Equal([429, 200], _api.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task TooManyRequests_WithoutRetries_ReachesTheCaller()
    {
        _api.FailNext("sendMessage", 429, "Too Many Requests: retry after 1", retryAfter: 1);
        var client = Client(new TelegramBotClientOptions(_api.Token, _api.BaseUrl) { RetryThreshold = 0 });

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => client.SendMessage(Group, "Hello"));

        Assert.Equal(429, error.ErrorCode);
        Assert.Equal(1, error.Parameters?.RetryAfter);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task GetUpdates_LongPoll_ReturnsAnUpdateEnqueuedWhileWaiting()
    {
        var clock = Stopwatch.StartNew();
        var poll = Client().GetUpdates(timeout: 10);
        await Task.Delay(300);
        var id = _api.SendText(Group, Ana, "/start@ConvenerTestBot now");

        var updates = await poll;

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The poll took {clock.Elapsed}.");
        var message = Assert.Single(updates).Message!;
        Assert.Equal(id, updates[0].Id);
        Assert.Equal(Ana.Id, message.From!.Id);
        var command = Assert.Single(message.Entities!);
        Assert.Equal((MessageEntityType.BotCommand, 0, 22), (command.Type, command.Offset, command.Length));
    }

    [Fact]
    public async Task GetUpdates_ConfirmedUpdates_AreNotReturnedAgainUnlessRedelivered()
    {
        var first = _api.SendText(Group, Ana, "one");
        var second = _api.SendText(Group, Ana, "two");
        var client = Client();

        Assert.Equal([first, second], (await client.GetUpdates()).Select(u => (long)u.Id));
        Assert.Empty(await client.GetUpdates(offset: (int)second + 1));
        Assert.Empty(await client.GetUpdates());

        _api.RedeliverFrom(second);

        Assert.Equal([second], (await client.GetUpdates()).Select(u => (long)u.Id));
    }

    [Fact]
    public async Task DisposeAsync_EndsAPendingLongPollAtOnce()
    {
        var poll = Client().GetUpdates(timeout: 30);
        await Task.Delay(200);
        var clock = Stopwatch.StartNew();

        await _api.DisposeAsync();

        Assert.Empty(await poll);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"Stopping took {clock.Elapsed}.");
    }

    [Fact]
    public async Task EnqueueRaw_IsDeliveredExactlyAsGiven()
    {
        const string Raw = """{"update_id":900,"future_kind":{"x":[1,2]}}""";
        _api.EnqueueRaw(Raw);

        using var response = await Http.PostAsync(new Uri($"{_api.BaseUrl}/bot{_api.Token}/getUpdates"), null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("{\"ok\":true,\"result\":[" + Raw + "]}", body);
    }

    [Fact]
    public async Task EditMessageText_Unchanged_IsNotModified()
    {
        var message = await Client().SendMessage(Group, "<b>Same</b>", ParseMode.Html);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Client().EditMessageText(Group, message.Id, "<b>Same</b>", ParseMode.Html));

        Assert.StartsWith("Bad Request: message is not modified", error.Message, StringComparison.Ordinal);
        Assert.Equal("Edited", (await Client().EditMessageText(Group, message.Id, "Edited")).Text);
    }

    [Fact]
    public async Task CreateForumTopic_OnlyInForums()
    {
        var topic = await Client().CreateForumTopic(Forum, "Case 1");
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Client().CreateForumTopic(Group, "Case 1"));

        Assert.Equal("Case 1", topic.Name);
        Assert.True(topic.MessageThreadId > 0);
        Assert.Equal("Bad Request: the chat is not a forum", error.Message);
    }

    [Fact]
    public async Task GetChatAdministrators_FirstAdministratorIsTheOwner()
    {
        _api.AddUser(Ana);
        _api.SetAdministrators(Group, Ana.Id, _api.BotUser.Id);

        var admins = await Client().GetChatAdministrators(Group);

        Assert.IsType<ChatMemberOwner>(admins[0]);
        Assert.Equal("Ana", admins[0].User.FirstName);
        Assert.IsType<ChatMemberAdministrator>(admins[1]);
        Assert.Equal(_api.BotUser.Id, admins[1].User.Id);
    }

    [Fact]
    public async Task WrongToken_IsUnauthorized()
    {
        var client = Client(new TelegramBotClientOptions("654321:WRONG", _api.BaseUrl));

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => client.GetMe());

        Assert.Equal(401, error.ErrorCode);
        Assert.Equal("Unauthorized", error.Message);
        Assert.Equal(401, Assert.Single(_api.Requests).Status);
    }

    [Fact]
    public async Task UnknownMethod_IsNotFound()
    {
        using var response = await Http.PostAsync(new Uri($"{_api.BaseUrl}/bot{_api.Token}/sendTelepathy"), null);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal(404, (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error_code"]!);
    }

    private TelegramBotClient Client(TelegramBotClientOptions? options = null) =>
        new(options ?? new TelegramBotClientOptions(_api.Token, _api.BaseUrl), Http);
}
