using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace ConvenerBot.Telegram.Tests.Fake;

public sealed partial class FakeBotApi
{
    private const int MaxTextLength = 4096;
    private const int MaxCallbackDataBytes = 64;
    private const int MaxCaptionLength = 1024;
    private const int MaxDocumentBytes = 50 * 1024 * 1024;

    // Parameters that are objects; in a multipart call they arrive as JSON text.
    private static readonly HashSet<string> ObjectParameters = ["reply_parameters", "reply_markup", "link_preview_options"];

    private static readonly HashSet<string> AllowedReactions = ["👍", "👎", "❤", "🔥", "🙏", "👌", "✍", "🤝", "👀"];

    private static readonly string[] ButtonActions =
    [
        "url", "callback_data", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay",
    ];

    private async Task HandleAsync(HttpContext context)
    {
        var segments = context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var method = segments.Length == 2 ? segments[1].ToLowerInvariant() : string.Empty;
        var (body, files) = await ReadBodyAsync(context.Request);
        BotApiReply reply;
        try
        {
            reply = segments.Length != 2 || !segments[0].StartsWith("bot", StringComparison.Ordinal)
                ? BotApiReply.Error(404, "Not Found")
                : segments[0] != "bot" + Token
                    ? BotApiReply.Error(401, "Unauthorized")
                    : await InvokeAsync(method, body, files, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            Record(method, body, 499);
            return;
        }

        Record(method, body, reply.Status);
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.Json, context.RequestAborted);
    }

    private async Task<BotApiReply> InvokeAsync(string method, JsonObject body, IReadOnlyDictionary<string, UploadedFile> files, CancellationToken aborted)
    {
        TimeSpan delay;
        lock (_gate)
        {
            delay = _delays.GetValueOrDefault(method);
        }

        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, aborted);
        }

        lock (_gate)
        {
            if (_faults.TryGetValue(method, out var faults) && faults.TryDequeue(out var fault))
            {
                return fault.Garbled
                    ? new BotApiReply(200, "{\"ok\":true,\"result\":")
                    : BotApiReply.Error(fault.Status, fault.Description, fault.RetryAfter);
            }
        }

        if (method == "getupdates")
        {
            return await GetUpdatesAsync(body, aborted);
        }

        lock (_gate)
        {
            return method switch
            {
                "getme" => BotApiReply.Ok(BotUser),
                "deletewebhook" => SetWebhook(null, null, body),
                "setwebhook" => SetWebhook(ReadString(body, "url"), ReadString(body, "secret_token"), body),
                "getwebhookinfo" => BotApiReply.Ok(new WebhookInfo { Url = _webhookUrl ?? string.Empty, PendingUpdateCount = _updates.Count(u => !u.Confirmed) }),
                "setmycommands" => SetMyCommands(body),
                "deletemycommands" => DeleteMyCommands(),
                "getchatadministrators" => WithChat(body, GetChatAdministrators),
                "getchatmember" => WithChat(body, chat => BotApiReply.Ok(MemberOf(chat, ReadLong(body, "user_id") ?? 0))),
                "getchat" => WithChat(body, chat => BotApiReply.Ok(new ChatFullInfo { Id = chat.Id, Type = chat.Type, Title = chat.Title, IsForum = chat.IsForum, MaxReactionCount = 11 })),
                "sendmessage" => WithChat(body, chat => SendMessage(chat, body)),
                "senddocument" => WithChat(body, chat => SendDocument(chat, body, files)),
                "editmessagetext" => WithChat(body, chat => EditMessage(chat, body, editText: true)),
                "editmessagereplymarkup" => WithChat(body, chat => EditMessage(chat, body, editText: false)),
                "answercallbackquery" => AnswerCallbackQuery(body),
                "createforumtopic" => WithChat(body, chat => CreateForumTopic(chat, body)),
                "deletemessage" => WithChat(body, chat => DeleteMessage(chat, body)),
                "setmessagereaction" => WithChat(body, chat => SetMessageReaction(chat, body)),
                _ => BotApiReply.Error(404, "Not Found"),
            };
        }
    }

    private async Task<BotApiReply> GetUpdatesAsync(JsonObject body, CancellationToken aborted)
    {
        var offset = ReadLong(body, "offset") ?? 0;
        var limit = (int)Math.Clamp(ReadLong(body, "limit") ?? 100, 1, 100);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(Math.Max(0, ReadLong(body, "timeout") ?? 0));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping.Token);
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                if (_webhookUrl is not null)
                {
                    return BotApiReply.Error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
                }

                if (offset > 0)
                {
                    foreach (var update in _updates.Where(u => u.Id < offset))
                    {
                        update.Confirmed = true;
                    }
                }

                var batch = _updates.Where(u => !u.Confirmed && u.Id >= offset).Take(limit).Select(u => u.Json).ToList();
                if (batch.Count > 0 || DateTimeOffset.UtcNow >= deadline || _stopping.IsCancellationRequested)
                {
                    return BotApiReply.OkJson("[" + string.Join(',', batch) + "]");
                }

                arrived = _updateArrived.Task;
            }

            var remaining = deadline - DateTimeOffset.UtcNow;
            if (remaining > TimeSpan.Zero)
            {
                try
                {
                    await arrived.WaitAsync(remaining, cancel.Token);
                }
                catch (TimeoutException)
                {
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                }
            }

            aborted.ThrowIfCancellationRequested();
        }
    }

    private BotApiReply SetWebhook(string? url, string? secretToken, JsonObject body)
    {
        if (!string.IsNullOrEmpty(url) && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return BotApiReply.BadRequest("bad webhook: An HTTPS URL must be provided for webhook");
        }

        if (ReadBool(body, "drop_pending_updates"))
        {
            _updates.ForEach(u => u.Confirmed = true);
        }

        _webhookUrl = string.IsNullOrEmpty(url) ? null : url;
        _webhookSecretToken = _webhookUrl is null ? null : secretToken;
        return BotApiReply.Ok(true);
    }

    private BotApiReply SetMyCommands(JsonObject body)
    {
        var commands = body["commands"].Deserialize<BotCommand[]>(JsonBotAPI.Options) ?? [];
        if (commands.Any(c => c.Command is not { Length: >= 1 and <= 32 } name || !name.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '_')))
        {
            return BotApiReply.BadRequest("BOT_COMMAND_INVALID");
        }

        if (commands.Any(c => c.Description is not { Length: >= 1 and <= 256 }))
        {
            return BotApiReply.BadRequest("command description must be non-empty");
        }

        _commands = commands;
        return BotApiReply.Ok(true);
    }

    private BotApiReply DeleteMyCommands()
    {
        _commands = [];
        return BotApiReply.Ok(true);
    }

    private BotApiReply GetChatAdministrators(FakeChat chat) =>
        BotApiReply.Ok(chat.AdminUserIds.Select(id => MemberOf(chat, id)).ToArray());

    private ChatMember MemberOf(FakeChat chat, long userId)
    {
        var user = _users.GetValueOrDefault(userId) ?? new User { Id = userId, FirstName = $"User {userId}" };
        var rank = chat.AdminUserIds.IndexOf(userId);
        return rank switch
        {
            0 => new ChatMemberOwner { User = user },
            > 0 => new ChatMemberAdministrator
            {
                User = user,
                CanBeEdited = false,
                CanManageChat = true,
                CanDeleteMessages = true,
                CanRestrictMembers = true,
                CanInviteUsers = true,
                CanPinMessages = true,
                CanManageTopics = true,
            },
            _ => new ChatMemberMember { User = user },
        };
    }

    private BotApiReply SendMessage(FakeChat chat, JsonObject body)
    {
        var text = ReadString(body, "text") ?? string.Empty;
        var parseMode = ReadString(body, "parse_mode");
        if (ValidateText(text, parseMode, out var plain) is { } textError)
        {
            return textError;
        }

        if (ReadPlacement(chat, body, out var keyboard, out var threadId) is { } placementError)
        {
            return placementError;
        }

        var message = Place(chat, new Message { Text = plain }, body, threadId, keyboard, out _);
        var sentMessage = new SentMessage(chat.Id, threadId, text, parseMode, keyboard, message.Id);
        _sentMessages.Add(sentMessage);
        MessageSent?.Invoke(sentMessage);
        return BotApiReply.Ok(message);
    }

    /// <summary>
    /// A document uploaded in a multipart call (the part named <c>document</c>, or named by <c>attach://</c>);
    /// a file id or URL is refused, as the fake keeps no files. The caption is validated as text is, up to 1,024 characters.
    /// </summary>
    private BotApiReply SendDocument(FakeChat chat, JsonObject body, IReadOnlyDictionary<string, UploadedFile> files)
    {
        var named = ReadString(body, "document");
        var file = files.GetValueOrDefault("document")
            ?? (named is not null && named.StartsWith("attach://", StringComparison.Ordinal) ? files.GetValueOrDefault(named["attach://".Length..]) : null);
        if (file is null)
        {
            return BotApiReply.BadRequest(named is null ? "there is no document in the request" : "wrong remote file identifier specified");
        }

        if (file.Content.Length is 0 or > MaxDocumentBytes)
        {
            return BotApiReply.BadRequest(file.Content.Length == 0 ? "file must be non-empty" : "file is too big");
        }

        var caption = ReadString(body, "caption");
        var parseMode = ReadString(body, "parse_mode");
        string? plainCaption = null;
        if (!string.IsNullOrEmpty(caption))
        {
            if (ValidateText(caption, parseMode, out var plain) is { } textError && !textError.Json.Contains("too long", StringComparison.Ordinal))
            {
                return textError;
            }

            if (plain.Length > MaxCaptionLength)
            {
                return BotApiReply.BadRequest("message caption is too long");
            }

            plainCaption = plain;
        }

        if (ReadPlacement(chat, body, out var keyboard, out var threadId) is { } placementError)
        {
            return placementError;
        }

        var document = new Document
        {
            FileId = "doc-" + Guid.NewGuid().ToString("N"),
            FileUniqueId = Guid.NewGuid().ToString("N")[..16],
            FileName = file.FileName,
            FileSize = file.Content.Length,
        };
        var message = Place(chat, new Message { Caption = plainCaption, Document = document }, body, threadId, keyboard, out var replyTo);
        _sentDocuments.Add(new SentDocument(chat.Id, threadId, file.FileName, file.Content, caption, parseMode, keyboard, replyTo, message.Id));
        return BotApiReply.Ok(message);
    }

    /// <summary>Where a message the bot sends goes: its keyboard and its topic, a deleted topic refused.</summary>
    private BotApiReply? ReadPlacement(FakeChat chat, JsonObject body, out InlineKeyboardMarkup? keyboard, out int? threadId)
    {
        threadId = (int?)ReadLong(body, "message_thread_id");
        if (ReadInlineKeyboard(body, out keyboard) is { } keyboardError)
        {
            return keyboardError;
        }

        return threadId is { } topic && _deletedTopics.ContainsKey((chat.Id, topic)) ? BotApiReply.BadRequest("message thread not found") : null;
    }

    /// <summary>Gives a message the bot sends its id, sender, date, chat, topic, keyboard and the message it quotes, and keeps it.</summary>
    private Message Place(FakeChat chat, Message message, JsonObject body, int? threadId, InlineKeyboardMarkup? keyboard, out int? replyTo)
    {
        message.Id = chat.NextMessageId();
        message.From = BotUser;
        message.Date = Now();
        message.Chat = chat.ToChat();
        message.MessageThreadId = threadId;
        message.IsTopicMessage = threadId is not null && chat.IsForum;
        message.ReplyMarkup = keyboard;
        replyTo = body["reply_parameters"] is JsonObject reply && ReadLong(reply, "message_id") is { } quoted ? (int)quoted : null;
        if (replyTo is { } replyId)
        {
            message.ReplyToMessage = _messages.GetValueOrDefault((chat.Id, replyId));
        }

        _messages[(chat.Id, message.Id)] = message;
        return message;
    }

        private BotApiReply EditMessage(FakeChat chat, JsonObject body, bool editText)
    {
        if (!_messages.TryGetValue((chat.Id, (int)(ReadLong(body, "message_id") ?? 0)), out var message))
        {
            return BotApiReply.BadRequest("message to edit not found");
        }

        if (message.From?.Id != BotUser.Id)
        {
            return BotApiReply.BadRequest("message can't be edited");
        }

        var text = message.Text;
        if (editText && ValidateText(ReadString(body, "text") ?? string.Empty, ReadString(body, "parse_mode"), out text) is { } textError)
        {
            return textError;
        }

        if (ReadInlineKeyboard(body, out var keyboard) is { } keyboardError)
        {
            return keyboardError;
        }

        if (text == message.Text && Serialize(keyboard) == Serialize(message.ReplyMarkup))
        {
            return BotApiReply.BadRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
        }

        var edited = JsonSerializer.Deserialize<Message>(Serialize(message), JsonBotAPI.Options)!;
        edited.Text = text;
        edited.ReplyMarkup = keyboard;
        edited.EditDate = Now();
        _messages[(chat.Id, message.Id)] = edited;
        return BotApiReply.Ok(edited);
    }

    private BotApiReply AnswerCallbackQuery(JsonObject body)
    {
        var id = ReadString(body, "callback_query_id") ?? string.Empty;
        if (!_openCallbackQueries.Remove(id))
        {
            return BotApiReply.BadRequest("query is too old and response timeout expired or query ID is invalid");
        }

        _callbackAnswers.Add(new CallbackAnswer(id, ReadString(body, "text"), ReadBool(body, "show_alert")));
        return BotApiReply.Ok(true);
    }

    private static BotApiReply CreateForumTopic(FakeChat chat, JsonObject body)
    {
        if (!chat.IsForum)
        {
            return BotApiReply.BadRequest("the chat is not a forum");
        }

        if (ReadString(body, "name") is not { Length: >= 1 and <= 128 } name)
        {
            return BotApiReply.BadRequest("TOPIC_TITLE_EMPTY");
        }

        var color = (int)(ReadLong(body, "icon_color") ?? 0x6FB9F0);
        return BotApiReply.Ok(new ForumTopic { MessageThreadId = chat.NextMessageId(), Name = name, IconColor = color });
    }

    private BotApiReply DeleteMessage(FakeChat chat, JsonObject body) =>
        _messages.Remove((chat.Id, (int)(ReadLong(body, "message_id") ?? 0)))
            ? BotApiReply.Ok(true)
            : BotApiReply.BadRequest("message to delete not found");

    private BotApiReply SetMessageReaction(FakeChat chat, JsonObject body)
    {
        var messageId = (int)(ReadLong(body, "message_id") ?? 0);
        if (!_messages.ContainsKey((chat.Id, messageId)))
        {
            return BotApiReply.BadRequest("message to react not found");
        }

        var emojis = (body["reaction"] as JsonArray ?? []).OfType<JsonObject>().Select(r => ReadString(r, "emoji") ?? string.Empty).ToList();
        if (emojis.Count > 1 || emojis.Any(e => !AllowedReactions.Contains(e)))
        {
            return BotApiReply.BadRequest("REACTION_INVALID");
        }

        var reaction = new Reaction(chat.Id, messageId, emojis.FirstOrDefault());
        _reactions.Add(reaction);
        ReactionSet?.Invoke(reaction);
        return BotApiReply.Ok(true);
    }

    private BotApiReply WithChat(JsonObject body, Func<FakeChat, BotApiReply> handler)
    {
        var chatId = ReadLong(body, "chat_id");
        if (chatId is null && ReadString(body, "chat_id") is null)
        {
            return BotApiReply.BadRequest("chat_id is empty");
        }

        if (chatId is { } id && _chats.TryGetValue(id, out var chat))
        {
            return chat.MigratedTo is { } newId
                ? BotApiReply.Error(400, "Bad Request: group chat was upgraded to a supergroup chat", migrateToChatId: newId)
                : handler(chat);
        }

        return BotApiReply.BadRequest("chat not found");
    }

    private static BotApiReply? ValidateText(string text, string? parseMode, out string plain)
    {
        plain = text;
        if (string.Equals(parseMode, "HTML", StringComparison.OrdinalIgnoreCase))
        {
            if (!HtmlEntityParser.TryParse(text, out plain, out var error))
            {
                return BotApiReply.BadRequest("can't parse entities: " + error);
            }
        }
        else if (!string.IsNullOrEmpty(parseMode) && parseMode is not ("Markdown" or "MarkdownV2"))
        {
            return BotApiReply.BadRequest("unsupported parse_mode");
        }

        plain = plain.Trim();
        return plain.Length switch
        {
            0 => BotApiReply.BadRequest("message text is empty"),
            > MaxTextLength => BotApiReply.BadRequest("message is too long"),
            _ => null,
        };
    }

    private static BotApiReply? ReadInlineKeyboard(JsonObject body, out InlineKeyboardMarkup? keyboard)
    {
        keyboard = null;
        var markup = body["reply_markup"] is JsonValue encoded && encoded.TryGetValue<string>(out var json)
            ? JsonNode.Parse(json) as JsonObject
            : body["reply_markup"] as JsonObject;
        if (markup?["inline_keyboard"] is not JsonArray rows)
        {
            return null;
        }

        foreach (var button in rows.OfType<JsonArray>().SelectMany(row => row.OfType<JsonObject>()))
        {
            if (!ButtonActions.Any(button.ContainsKey))
            {
                return BotApiReply.BadRequest("text buttons are unallowed in the inline keyboard");
            }

            if (button.ContainsKey("callback_data") && Encoding.UTF8.GetByteCount(ReadString(button, "callback_data") ?? string.Empty) is 0 or > MaxCallbackDataBytes)
            {
                return BotApiReply.BadRequest("BUTTON_DATA_INVALID");
            }
        }

        keyboard = markup.Deserialize<InlineKeyboardMarkup>(JsonBotAPI.Options);
        return null;
    }

    private void Record(string method, JsonObject body, int status)
    {
        lock (_gate)
        {
            _requests.Add(new RecordedRequest(method, body, DateTimeOffset.UtcNow, status));
        }
    }

    /// <summary>
    /// The call's parameters: a JSON body, or the fields of a multipart one (how Telegram.Bot sends files), whose
    /// object parameters arrive as JSON text and whose files are kept apart, by part name.
    /// </summary>
    private static async Task<(JsonObject Body, IReadOnlyDictionary<string, UploadedFile> Files)> ReadBodyAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            var fields = new JsonObject();
            foreach (var (name, value) in form)
            {
                var text = value.ToString();
                fields[name] = ObjectParameters.Contains(name) && text.StartsWith('{') ? JsonNode.Parse(text) : JsonValue.Create(text);
            }

            var files = new Dictionary<string, UploadedFile>(StringComparer.Ordinal);
            foreach (var file in form.Files)
            {
                using var content = new MemoryStream();
                await file.CopyToAsync(content);
                files[file.Name] = new UploadedFile(file.FileName, content.ToArray());
            }

            return (fields, files);
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var json = await reader.ReadToEndAsync();
        return (string.IsNullOrWhiteSpace(json) ? [] : JsonNode.Parse(json) as JsonObject ?? [], new Dictionary<string, UploadedFile>());
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, JsonBotAPI.Options);

    private static string? ReadString(JsonObject body, string name) => body[name] switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    private static long? ReadLong(JsonObject body, string name) => body[name] switch
    {
        JsonValue value when value.TryGetValue<long>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static bool ReadBool(JsonObject body, string name) => body[name] switch
    {
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value when value.TryGetValue<string>(out var text) => string.Equals(text, "true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
