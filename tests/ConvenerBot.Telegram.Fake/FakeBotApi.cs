using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ConvenerBot.Telegram.Tests.Fake;

/// <summary>
/// An in-process Telegram Bot API server for tests. It answers the methods the adapter uses with the
/// real JSON, validates what Telegram validates, records every call, and lets a test inject updates,
/// failures and delays. All members are thread-safe.
/// </summary>
public sealed partial class FakeBotApi : IAsyncDisposable
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(20);

    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<SentMessage> _sentMessages = [];
    private readonly List<SentDocument> _sentDocuments = [];
    private readonly List<CallbackAnswer> _callbackAnswers = [];
    private readonly List<Reaction> _reactions = [];
    private readonly List<QueuedUpdate> _updates = [];
    private readonly Dictionary<long, FakeChat> _chats = [];
    private readonly Dictionary<long, User> _users = [];
    private readonly Dictionary<(long ChatId, int MessageId), Message> _messages = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(long ChatId, int ThreadId), bool> _deletedTopics = new();
    private readonly HashSet<string> _openCallbackQueries = [];
    private readonly Dictionary<string, Queue<InjectedFault>> _faults = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TimeSpan> _delays = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _webhookClient = new();
    private TaskCompletionSource _updateArrived = NewSignal();
    private IReadOnlyList<BotCommand> _commands = [];
    private long _lastUpdateId;
    private long _lastCallbackQueryId = 4_000_000_000_000_000_000;
    private string? _webhookUrl;
    private string? _webhookSecretToken;
    private WebApplication? _app;
    private int _disposed;

    private FakeBotApi(string token, string botUsername)
    {
        Token = token;
        BotUser = new User
        {
            Id = long.Parse(token.AsSpan(0, token.IndexOf(':', StringComparison.Ordinal)), CultureInfo.InvariantCulture),
            IsBot = true,
            FirstName = "Convener Test Bot",
            Username = botUsername,
            CanJoinGroups = true,
        };
        _users[BotUser.Id] = BotUser;
    }

    /// <summary>The server's root, <c>http://127.0.0.1:PORT</c>, to pass as the client's base URL.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The only token the server accepts.</summary>
    public string Token { get; }

    /// <summary>The bot's own user, as <c>getMe</c> returns it.</summary>
    public User BotUser { get; }

    /// <summary>Every call received so far, in the order they were answered.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_gate) { return [.. _requests]; } }
    }

    /// <summary>Every message sent successfully, in order.</summary>
    /// <summary>Raised (under the fake's lock, so keep handlers short) for every message the bot sent.</summary>
    public event Action<SentMessage>? MessageSent;

    /// <summary>Raised (under the fake's lock, so keep handlers short) for every reaction the bot set.</summary>
    public event Action<Reaction>? ReactionSet;

    public IReadOnlyList<SentMessage> SentMessages
    {
        get { lock (_gate) { return [.. _sentMessages]; } }
    }

    /// <summary>Every document sent successfully (<c>sendDocument</c>), with the bytes uploaded, in order.</summary>
    public IReadOnlyList<SentDocument> SentDocuments
    {
        get { lock (_gate) { return [.. _sentDocuments]; } }
    }

    /// <summary>Every callback query answered successfully, in order.</summary>
    public IReadOnlyList<CallbackAnswer> CallbackAnswers
    {
        get { lock (_gate) { return [.. _callbackAnswers]; } }
    }

    /// <summary>Every reaction the bot set successfully, in order.</summary>
    public IReadOnlyList<Reaction> Reactions
    {
        get { lock (_gate) { return [.. _reactions]; } }
    }

    /// <summary>The commands from the latest <c>setMyCommands</c>, empty after <c>deleteMyCommands</c>.</summary>
    public IReadOnlyList<BotCommand> Commands
    {
        get { lock (_gate) { return _commands; } }
    }

    /// <summary>The webhook URL from <c>setWebhook</c>, or null when no webhook is set.</summary>
    public string? WebhookUrl
    {
        get { lock (_gate) { return _webhookUrl; } }
    }

    /// <summary>The secret token given with the current webhook, if any.</summary>
    public string? WebhookSecretToken
    {
        get { lock (_gate) { return _webhookSecretToken; } }
    }

    /// <summary>Starts a server on a free loopback port.</summary>
    /// <param name="token">The bot token, digits, a colon, then anything; the digits are the bot's user id.</param>
    /// <param name="botUsername">The bot's username, without the at sign.</param>
    public static async Task<FakeBotApi> StartAsync(string token = "123456:TEST", string botUsername = "ConvenerTestBot")
    {
        var api = new FakeBotApi(token, botUsername);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(api.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api._app = app;
        api.BaseUrl = new Uri(address).GetLeftPart(UriPartial.Authority);
        return api;
    }

    /// <summary>A human user with the given id and first name.</summary>
    public static User Person(long id, string firstName) =>
        new() { Id = id, IsBot = false, FirstName = firstName, LanguageCode = "en" };

    /// <summary>Registers a supergroup; the first administrator is its owner.</summary>
    public void AddChat(long chatId, string title, bool isForum = false, params long[] adminUserIds)
    {
        lock (_gate)
        {
            _chats[chatId] = new FakeChat(chatId, ChatType.Supergroup, title, isForum, adminUserIds);
        }
    }

    /// <summary>Registers a basic group (not yet a supergroup); the first administrator is its owner.</summary>
    public void AddBasicGroup(long chatId, string title, params long[] adminUserIds)
    {
        lock (_gate)
        {
            _chats[chatId] = new FakeChat(chatId, ChatType.Group, title, isForum: false, adminUserIds);
        }
    }

    /// <summary>
    /// Upgrades a basic group to a supergroup with a new id, as Telegram does: the supergroup keeps the
    /// title and administrators, and every later call for the old id is refused with migrate_to_chat_id.
    /// </summary>
    public void MigrateToSupergroup(long chatId, long supergroupId)
    {
        lock (_gate)
        {
            var old = _chats[chatId];
            old.MigratedTo = supergroupId;
            _chats[supergroupId] = new FakeChat(supergroupId, ChatType.Supergroup, old.Title, isForum: false, old.AdminUserIds);
        }
    }

    /// <summary>Registers the private chat of a user with the bot (its id is the user's id).</summary>
    public void AddPrivateChat(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_gate)
        {
            _users[user.Id] = user;
            CreatePrivateChat(user.Id, user);
        }
    }

    /// <summary>Makes a user known by id, so chat member answers carry the user's name rather than a placeholder.</summary>
    public void AddUser(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_gate)
        {
            _users[user.Id] = user;
        }
    }

    /// <summary>Replaces a chat's administrators; the first is its owner.</summary>
    public void SetAdministrators(long chatId, params long[] adminUserIds)
    {
        lock (_gate)
        {
            var admins = _chats[chatId].AdminUserIds;
            admins.Clear();
            admins.AddRange(adminUserIds);
        }
    }

    /// <summary>The current state of a message (after edits), or null when unknown or deleted.</summary>
    /// <summary>Deletes a forum topic: messages sent into it are refused with "message thread not found".</summary>
    public void DeleteTopic(long chatId, int threadId) => _deletedTopics[(chatId, threadId)] = true;

    public Message? FindMessage(long chatId, int messageId)
    {
        lock (_gate)
        {
            return _messages.GetValueOrDefault((chatId, messageId));
        }
    }

    /// <summary>
    /// Queues an update for <c>getUpdates</c>, assigning the next update id when its id is 0. A callback
    /// query in it becomes answerable, and its senders become known users.
    /// </summary>
    /// <returns>The update's id.</returns>
    public long EnqueueUpdate(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_gate)
        {
            if (update.Id == 0)
            {
                update.Id = checked((int)++_lastUpdateId);
            }

            _lastUpdateId = Math.Max(_lastUpdateId, update.Id);
            Observe(update);
            Enqueue(new QueuedUpdate(update.Id, JsonSerializer.Serialize(update, JsonBotAPI.Options)));
            return update.Id;
        }
    }

    /// <summary>
    /// Queues an update given as raw JSON, delivered exactly as given. Its <c>update_id</c>, when readable,
    /// orders and confirms it; otherwise it is confirmed together with the update before it.
    /// </summary>
    public void EnqueueRaw(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        lock (_gate)
        {
            var id = _lastUpdateId;
            try
            {
                if (JsonNode.Parse(json) is JsonObject obj && obj["update_id"] is JsonValue value && value.TryGetValue<long>(out var parsed))
                {
                    id = parsed;
                }
            }
            catch (JsonException)
            {
            }

            _lastUpdateId = Math.Max(_lastUpdateId, id);
            Enqueue(new QueuedUpdate(id, json));
        }
    }

    /// <summary>
    /// Queues a text message from <paramref name="from"/>, as Telegram would deliver it: commands get a
    /// <c>bot_command</c> entity, and messages in a forum topic carry its thread id.
    /// </summary>
    /// <returns>The update's id; the message itself is then available through <see cref="FindMessage"/>.</returns>
    public long SendText(long chatId, User from, string text, Message? replyTo = null, int? threadId = null) =>
        EnqueueUpdate(BuildText(chatId, from, text, replyTo?.Id, replyTo, threadId));

    /// <summary>
    /// Builds, without queuing, the update <see cref="SendText"/> would queue, replying to a message the
    /// bot sent; deliver it with <see cref="EnqueueUpdate"/> or <see cref="PostUpdateToWebhookAsync"/>.
    /// </summary>
    public Update BuildText(long chatId, User from, string text, SentMessage? replyTo = null, int? threadId = null) =>
        BuildText(chatId, from, text, replyTo?.MessageId, null, threadId);

    /// <summary>Queues a callback query for a press of an inline button on <paramref name="message"/>.</summary>
    /// <returns>The update's id.</returns>
    public long PressButton(long chatId, User from, Message message, string callbackData)
    {
        ArgumentNullException.ThrowIfNull(message);
        return EnqueueUpdate(BuildPress(chatId, from, message.Id, message, callbackData));
    }

    /// <summary>Builds, without queuing, the update <see cref="PressButton"/> would queue for a message the bot sent.</summary>
    public Update BuildPress(long chatId, User from, SentMessage message, string callbackData)
    {
        ArgumentNullException.ThrowIfNull(message);
        return BuildPress(chatId, from, message.MessageId, null, callbackData);
    }

    /// <summary>Makes updates with an id at or above <paramref name="updateId"/> deliverable again, as after a crash.</summary>
    public void RedeliverFrom(long updateId)
    {
        lock (_gate)
        {
            foreach (var update in _updates.Where(u => u.Id >= updateId))
            {
                update.Confirmed = false;
            }

            Signal();
        }
    }

    /// <summary>Answers the next <paramref name="times"/> calls of <paramref name="method"/> with an error instead.</summary>
    public void FailNext(string method, int status, string description, int? retryAfter = null, int times = 1)
    {
        lock (_gate)
        {
            if (!_faults.TryGetValue(method, out var queue))
            {
                _faults[method] = queue = new Queue<InjectedFault>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(new InjectedFault(status, description, retryAfter));
            }
        }
    }

    /// <summary>
    /// Answers the next call of <paramref name="method"/> with a 200 the client cannot read: a failure the
    /// bot's sender does not retry (like a timeout, the call may have taken effect).
    /// </summary>
    public void GarbleNext(string method)
    {
        lock (_gate)
        {
            if (!_faults.TryGetValue(method, out var queue))
            {
                _faults[method] = queue = new Queue<InjectedFault>();
            }

            queue.Enqueue(new InjectedFault(200, "garbled", null, Garbled: true));
        }
    }

    /// <summary>Drops every error still queued by <see cref="FailNext"/>.</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>Makes every later call of <paramref name="method"/> wait <paramref name="delay"/> before it is handled.</summary>
    public void Delay(string method, TimeSpan delay)
    {
        lock (_gate)
        {
            _delays[method] = delay;
        }
    }

    /// <summary>
    /// Posts an update to a webhook the way Telegram does, with the secret token header when given.
    /// The update is observed as by <see cref="EnqueueUpdate"/>.
    /// </summary>
    public async Task<HttpResponseMessage> PostUpdateToWebhookAsync(string url, Update update, string? secretToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_gate)
        {
            if (update.Id == 0)
            {
                update.Id = checked((int)++_lastUpdateId);
            }

            Observe(update);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url));
        request.Content = new StringContent(JsonSerializer.Serialize(update, JsonBotAPI.Options), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        if (secretToken is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secretToken);
        }

        return await _webhookClient.SendAsync(request);
    }

    /// <summary>Polls <paramref name="probe"/> every 20 ms until it returns a value, and returns that value.</summary>
    /// <exception cref="TimeoutException">After <paramref name="timeout"/> (15 s by default), listing the calls received.</exception>
    public async Task<T> WaitForAsync<T>(Func<FakeBotApi, T?> probe, TimeSpan? timeout = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        T? value = null;
        await WaitForAsync(api => (value = probe(api)) is not null, timeout);
        return value!;
    }

    /// <summary>Polls <paramref name="probe"/> every 20 ms until it returns a value, and returns that value.</summary>
    /// <exception cref="TimeoutException">After <paramref name="timeout"/> (15 s by default), listing the calls received.</exception>
    public async Task<T> WaitForAsync<T>(Func<FakeBotApi, T?> probe, TimeSpan? timeout = null)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(probe);
        T? value = null;
        await WaitForAsync(api => (value = probe(api)) is not null, timeout);
        return value!.Value;
    }

    /// <summary>Polls <paramref name="condition"/> every 20 ms until it holds.</summary>
    /// <exception cref="TimeoutException">After <paramref name="timeout"/> (15 s by default), listing the calls received.</exception>
    public async Task WaitForAsync(Func<FakeBotApi, bool> condition, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        var deadline = DateTimeOffset.UtcNow + limit;
        while (!condition(this))
        {
            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new TimeoutException($"The condition was not met within {limit.TotalSeconds:0.###} s. Calls received:{Environment.NewLine}{DescribeRequests()}");
            }

            await Task.Delay(ProbeInterval);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages were sent to the chat.</summary>
    /// <returns>All messages sent to the chat so far.</returns>
    public Task<IReadOnlyList<SentMessage>> WaitForMessagesAsync(long chatId, int count, TimeSpan? timeout = null) =>
        WaitForAsync<IReadOnlyList<SentMessage>>(
            api =>
            {
                var sent = api.SentMessages.Where(m => m.ChatId == chatId).ToList();
                return sent.Count >= count ? sent : null;
            },
            timeout);

    /// <summary>Stops the server; pending long polls return empty results. Later calls do nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_app is not null)
        {
            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(stopTimeout.Token);
            await _app.DisposeAsync();
        }

        _webhookClient.Dispose();
        _stopping.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static DateTime Now()
    {
        var now = DateTime.UtcNow;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    private Update BuildText(long chatId, User from, string text, int? replyToId, Message? replyTo, int? threadId)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            _users[from.Id] = from;
            var chat = _chats.GetValueOrDefault(chatId) ?? CreatePrivateChat(chatId, from);
            var message = new Message
            {
                Id = chat.NextMessageId(),
                From = from,
                Date = Now(),
                Chat = chat.ToChat(),
                Text = text,
                ReplyToMessage = (replyToId is { } id ? _messages.GetValueOrDefault((chatId, id)) : null) ?? replyTo,
                MessageThreadId = threadId,
                IsTopicMessage = threadId is not null && chat.IsForum,
            };
            if (text.StartsWith('/'))
            {
                var length = text.IndexOfAny([' ', '\n', '\t']);
                message.Entities = [new MessageEntity { Type = MessageEntityType.BotCommand, Offset = 0, Length = length < 0 ? text.Length : length }];
            }

            _messages[(chatId, message.Id)] = message;
            return new Update { Message = message };
        }
    }

    private Update BuildPress(long chatId, User from, int messageId, Message? fallback, string callbackData)
    {
        ArgumentNullException.ThrowIfNull(from);
        lock (_gate)
        {
            _users[from.Id] = from;
            var id = (++_lastCallbackQueryId).ToString(CultureInfo.InvariantCulture);
            _openCallbackQueries.Add(id);
            var message = _messages.GetValueOrDefault((chatId, messageId)) ?? fallback
                ?? throw new InvalidOperationException($"Message {messageId} in chat {chatId} is unknown to the fake.");
            var query = new CallbackQuery
            {
                Id = id,
                From = from,
                Message = message,
                ChatInstance = (chatId * 7919).ToString(CultureInfo.InvariantCulture),
                Data = callbackData,
            };
            return new Update { CallbackQuery = query };
        }
    }

    private FakeChat CreatePrivateChat(long chatId, User from)
    {
        var chat = new FakeChat(chatId, ChatType.Private, from.FirstName, isForum: false, []);
        _chats[chatId] = chat;
        return chat;
    }

    private void Observe(Update update)
    {
        if (update.CallbackQuery is { } query)
        {
            _openCallbackQueries.Add(query.Id);
            _users.TryAdd(query.From.Id, query.From);
        }

        if (update.Message?.From is { } sender)
        {
            _users.TryAdd(sender.Id, sender);
        }

        // A member's message built by a test is in the chat from now on (to react to or to reply to).
        if (update.Message is { } message)
        {
            _messages.TryAdd((message.Chat.Id, message.Id), message);
        }
    }

    private void Enqueue(QueuedUpdate update)
    {
        _updates.Add(update);
        Signal();
    }

    private void Signal()
    {
        var arrived = _updateArrived;
        _updateArrived = NewSignal();
        arrived.TrySetResult();
    }

    private string DescribeRequests()
    {
        var text = new StringBuilder();
        foreach (var request in Requests)
        {
            var body = request.Body.ToJsonString();
            text.Append(CultureInfo.InvariantCulture, $"  {request.At:HH:mm:ss.fff} {request.Status} {request.Method} {(body.Length > 160 ? body[..160] + "..." : body)}").AppendLine();
        }

        return text.Length == 0 ? "  (none)" : text.ToString();
    }
}
