using System.Collections.Concurrent;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ConvenerBot.Telegram;

/// <summary>Handles one update: translate, let the engine decide, render the reply back into the chat.</summary>
internal sealed class UpdateHandler(
    ITelegramBotClient bot,
    IConvener convener,
    BotIdentity identity,
    ChatAdministrators administrators,
    ChatMigrations migrations,
    StagePrompts prompts,
    TelegramSender sender,
    TimeProvider time,
    ILogger<UpdateHandler> logger)
{
    private const string Acknowledged = "👍";
    private const string RightsUnknown = "I could not check your rights with Telegram just now; try again.";
    private const string CaptionHint = "Commands go in a text message of their own, not in the caption of a photo or file. Send the command again as a plain message.";

    // Telegram takes an answer to a press for a few minutes only; older marks are of no use.
    private static readonly TimeSpan PressAnswerable = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<UpdateType, bool> _ignoredKinds = new();

    // Chats told that the store is out (once per outage), and button presses already answered meanwhile.
    private readonly ConcurrentDictionary<long, bool> _outageNoticed = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _answeredPresses = new();

    /// <summary>Handles the update; false when the store could not take it and it is to be handed in again.</summary>
    public async Task<bool> HandleAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["UpdateId"] = update.Id, ["ChatId"] = ChatKey(update) });
        try
        {
            switch (update.Type)
            {
                case UpdateType.Message when update.Message is { } message:
                    return await HandleMessageAsync(message, update.Id, cancellationToken);
                case UpdateType.CallbackQuery when update.CallbackQuery is { } query:
                    return await HandleButtonAsync(query, update.Id, cancellationToken);
                case UpdateType.MyChatMember when update.MyChatMember is { } change:
                    await HandleMembershipAsync(change, cancellationToken);
                    break;
                default:
                    if (_ignoredKinds.TryAdd(update.Type, true))
                    {
                        Log.IgnoredKind(logger, update.Type);
                    }

                    break;
            }
        }
        catch (StoreUnavailableException)
        {
            // Work outside a command (moving the group, marking it inactive) changed nothing: keep the update.
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.UpdateFailed(logger, ex, update.Id);
        }

        return true;
    }

    /// <summary>The chat an update belongs to; updates of one chat are handled strictly in order.</summary>
    public static long ChatKey(Update update) => update switch
    {
        { Message.Chat.Id: var id } => id,
        { CallbackQuery.Message.Chat.Id: var id } => id,
        { CallbackQuery.From.Id: var id } => id,
        { MyChatMember.Chat.Id: var id } => id,
        { ChatMember.Chat.Id: var id } => id,
        _ => 0,
    };

    private async Task<bool> HandleMessageAsync(Message message, int updateId, CancellationToken cancellationToken)
    {
        var me = await identity.UserAsync.WaitAsync(cancellationToken);
        var chat = message.Chat;
        if (UpdateTranslator.IsNoise(message))
        {
            return true;
        }

        if (message.MigrateToChatId is { } newId)
        {
            await migrations.MoveAsync(chat.Id, newId, cancellationToken);
            return true;
        }

        if (message.MigrateFromChatId is { } oldId)
        {
            await migrations.MoveAsync(oldId, chat.Id, cancellationToken);
            return true;
        }

        if (message is { Text: null, Caption: { } caption, From.IsBot: false } && caption.StartsWith('/') && UpdateTranslator.IsOurs(caption, me))
        {
            await SendTextAsync(chat, message, CaptionHint, cancellationToken);
            return true;
        }

        var knownPrompt = message.ReplyToMessage is { } replied ? prompts.Find(chat.Id, replied.MessageId) : null;
        var inbound = UpdateTranslator.FromMessage(message, me, updateId, knownPrompt);
        if (inbound is null)
        {
            return true;
        }

        // An anonymous administrator is one by Telegram's own word; nobody else is in a private chat.
        var isAdmin = inbound.IsPlatformAdmin || !UpdateTranslator.IsGroup(chat)
            ? inbound.IsPlatformAdmin
            : await administrators.IsAdministratorAsync(chat.Id, message.From!.Id, cancellationToken);
        if (isAdmin is not { } known)
        {
            await SendTextAsync(chat, message, RightsUnknown, cancellationToken);
            return true;
        }

        var reply = await convener.HandleAsync(
            inbound with { IsPlatformAdmin = known, Conversation = TelegramSender.Conversation(migrations.Resolve(chat.Id)) }, cancellationToken);
        var threadId = message.IsTopicMessage ? message.MessageThreadId : null;
        if (reply.StoreUnavailable)
        {
            if (_outageNoticed.TryAdd(chat.Id, true))
            {
                await NoticeOutageAsync(chat.Id, () => SendReplyAsync(chat, threadId, message.MessageId, reply, cancellationToken), cancellationToken);
            }

            return false;
        }

        _outageNoticed.TryRemove(chat.Id, out _);
        if (!reply.AlreadyHandled)
        {
            await SendReplyAsync(chat, threadId, message.MessageId, reply, cancellationToken, message.From);
            if (!reply.Refused && inbound.Mentioned?.Member is { } person && CommandParser.Parse(inbound.Text).Command is SetRoleCommand role)
            {
                await SetMenuAsync(chat, person, role.Role, cancellationToken);
            }
        }

        return true;
    }

    private async Task<bool> HandleButtonAsync(CallbackQuery query, int updateId, CancellationToken cancellationToken)
    {
        StageButton? button = null;
        var page = 0;
        if (query.Message is not { } message
            || !(StageButtonCode.TryParse(query.Data, out var stageButton) ? (button = stageButton) is not null : ButtonCode.TryParsePage(query.Data, out _, out page)))
        {
            await AnswerAsync(query, "This button is not valid (any more).", cancellationToken);
            return true;
        }

        var chat = message.Chat;
        var isAdmin = UpdateTranslator.IsGroup(chat) ? await administrators.IsAdministratorAsync(chat.Id, query.From.Id, cancellationToken) : false;
        if (isAdmin is not { } known)
        {
            await AnswerAsync(query, RightsUnknown, cancellationToken);
            return true;
        }

        var inbound = UpdateTranslator.FromButton(query, known, updateId) with { Conversation = TelegramSender.Conversation(migrations.Resolve(chat.Id)) };
        var reply = await convener.HandleAsync(
            button is null ? inbound with { Command = new ListCasesCommand(page) } : inbound with { Button = button },
            cancellationToken);
        if (reply.StoreUnavailable)
        {
            // The press is kept and handed in again; its spinner is stopped with the notice only once.
            if (MarkAnswered(query.Id))
            {
                await NoticeOutageAsync(chat.Id, () => AnswerAsync(query, string.Join(" ", reply.Messages.Select(m => m.Text)), cancellationToken), cancellationToken);
            }

            return false;
        }

        _outageNoticed.TryRemove(chat.Id, out _);
        var answered = _answeredPresses.TryRemove(query.Id, out _);
        Task Answer(string? alert) => answered ? Task.CompletedTask : AnswerAsync(query, alert, cancellationToken);
        if (reply.AlreadyHandled)
        {
            await Answer(null);
            return true;
        }

        if (reply.Refused)
        {
            await Answer(string.Join(" ", reply.Messages.Select(m => m.Text)));
            if (button is not null && IsStale(chat.Id, message.MessageId, reply))
            {
                await RemoveButtonsAsync(chat, message.MessageId, cancellationToken);
            }

            return true;
        }

        await Answer(null);
        if (button is null && reply.Messages is [{ Page: not null } listing])
        {
            // A page button turns the listing's page in place.
            await EditAsync(chat, message.MessageId, listing, cancellationToken);
            return true;
        }

        if (MovesOn(reply))
        {
            await RemoveButtonsAsync(chat, message.MessageId, cancellationToken);
        }

        await SendReplyAsync(chat, message.IsTopicMessage ? message.MessageThreadId : null, replyTo: null, reply, cancellationToken, query.From);
        return true;
    }

    /// <summary>Marks a press answered during an outage (true the first time), dropping marks too old to matter.</summary>
    private bool MarkAnswered(string queryId)
    {
        var now = time.GetUtcNow();
        foreach (var (id, at) in _answeredPresses)
        {
            if (now - at > PressAnswerable)
            {
                _answeredPresses.TryRemove(KeyValuePair.Create(id, at));
            }
        }

        return _answeredPresses.TryAdd(queryId, now);
    }

    /// <summary>
    /// Tells the chat that the store is out. The update is kept whatever happens here: a notice Telegram
    /// did not take (a timeout, an unreadable answer) must not turn into a confirmed, lost update.
    /// </summary>
    private async Task NoticeOutageAsync(long chatId, Func<Task> notice, CancellationToken cancellationToken)
    {
        try
        {
            await notice();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.OutageNoticeFailed(logger, ex, chatId);
        }
    }

    /// <summary>
    /// The person given a role sees its commands in this chat's menu (facilitators get /next and /back).
    /// Known only when the role went to a person by id (a reply or a mention with an id).
    /// </summary>
    private async Task SetMenuAsync(Chat chat, MemberRef person, Core.Members.Role role, CancellationToken cancellationToken)
    {
        if (!long.TryParse(person.Id, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var userId))
        {
            return;
        }

        await sender.CallAsync("setMyCommands", chat.Id, UpdateTranslator.IsGroup(chat), limited: false,
            async (id, ct) =>
            {
                var scope = new BotCommandScopeChatMember { ChatId = id, UserId = userId };
                if (role is Core.Members.Role.Member)
                {
                    await bot.DeleteMyCommands(scope, cancellationToken: ct);
                }
                else
                {
                    await bot.SetMyCommands(role is Core.Members.Role.Organizer ? TelegramCommands.Administrators : TelegramCommands.Facilitators, scope, cancellationToken: ct);
                }

                return true;
            },
            cancellationToken);
    }

    /// <summary>A new stage prompt or the end of the session: the buttons of earlier prompts no longer apply.</summary>
    private static bool MovesOn(Reply reply) =>
        reply.Messages.Any(m => m.ClosesSpace || (m.Stage is not null && m.Actions is { Count: > 0 } actions && !actions.Contains(StageAction.ConfirmEnd)));

    /// <summary>
    /// A refused press on buttons that no longer apply. This process knows which buttons are live; after a
    /// restart the engine's refusal tells (<see cref="Reply.StaleStage"/>: the stage or the session has moved on).
    /// </summary>
    private bool IsStale(long chatId, int messageId, Reply refusal) =>
        !prompts.HasLiveButtons(chatId, messageId) && (prompts.HasAnyLiveButtons(chatId) || refusal.StaleStage);

    private async Task RemoveButtonsAsync(Chat chat, int messageId, CancellationToken cancellationToken)
    {
        prompts.Forget(chat.Id, messageId);
        await sender.CallAsync("editMessageReplyMarkup", chat.Id, UpdateTranslator.IsGroup(chat), limited: false,
            (id, ct) => bot.EditMessageReplyMarkup(id, messageId, replyMarkup: null, cancellationToken: ct), cancellationToken);
    }

    private async Task EditAsync(Chat chat, int messageId, OutboundMessage message, CancellationToken cancellationToken)
    {
        var text = TelegramHtml.Render(message)[0];
        await sender.CallAsync("editMessageText", chat.Id, UpdateTranslator.IsGroup(chat), limited: false,
            (id, ct) => bot.EditMessageText(id, messageId, text, ParseMode.Html, replyMarkup: Keyboard(message),
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, cancellationToken: ct),
            cancellationToken);
    }

    private async Task HandleMembershipAsync(ChatMemberUpdated change, CancellationToken cancellationToken)
    {
        var gone = change.NewChatMember.Status is ChatMemberStatus.Left or ChatMemberStatus.Kicked;
        await convener.SetConversationActiveAsync(TelegramSender.Conversation(change.Chat.Id), active: !gone, cancellationToken);
    }

    /// <summary>A refusal on a button shows as an alert (at most 200 characters); a quiet answer stops the spinner.</summary>
    private async Task AnswerAsync(CallbackQuery query, string? alert, CancellationToken cancellationToken) =>
        await sender.CallAsync("answerCallbackQuery", query.Message?.Chat.Id ?? query.From.Id, isGroup: false, limited: false,
            async (_, ct) =>
            {
                await bot.AnswerCallbackQuery(query.Id, alert is null ? null : Core.Text.UserText.Shorten(alert, 190), showAlert: alert is not null, cancellationToken: ct);
                return true;
            },
            cancellationToken);

    /// <summary>
    /// Sends a reply: answers and prompts first, then routine acknowledgements, which become a 👍 reaction
    /// on the member's message so they never hold back a prompt under the group's 20 messages a minute.
    /// Echoes are not posted: members see each other's messages. Returns the messages sent, in order.
    /// </summary>
    private async Task<List<(OutboundMessage Outbound, Message Sent)>> SendReplyAsync(
        Chat chat, int? threadId, int? replyTo, Reply reply, CancellationToken cancellationToken, User? asker = null)
    {
        var sent = new List<(OutboundMessage Outbound, Message Sent)>();
        var reactTo = replyTo;
        var superseded = MovesOn(reply) ? prompts.TakeLiveButtons(chat.Id) : [];
        var acknowledgements = reply.Messages.Where(m => m.Purpose is MessagePurpose.Acknowledgement).ToList();
        foreach (var message in reply.Messages.Where(m => m.Purpose is MessagePurpose.Answer))
        {
            if (message.Confidential && UpdateTranslator.IsGroup(chat))
            {
                await SendConfidentialAsync(chat, threadId, replyTo, message, asker, cancellationToken);
                replyTo = null;
                continue;
            }

            if (message.OpensSpace is { } title && chat.IsForum)
            {
                threadId = await OpenTopicAsync(chat, title, cancellationToken) ?? threadId;
                replyTo = null;
            }

            foreach (var posted in await SendMessageAsync(chat, threadId, replyTo, message, cancellationToken))
            {
                sent.Add((message, posted));
            }

            replyTo = null;
        }

        foreach (var (outbound, posted) in sent)
        {
            if (outbound is { Stage: { } stage, Actions.Count: > 0 })
            {
                prompts.RememberButtons(chat.Id, posted.MessageId);
                if (!outbound.Actions.Contains(StageAction.ConfirmEnd))
                {
                    prompts.RememberPrompt(chat.Id, posted.MessageId, stage);
                }
            }
        }

        foreach (var old in superseded)
        {
            await RemoveButtonsAsync(chat, old, cancellationToken);
        }

        foreach (var acknowledgement in acknowledgements)
        {
            if (reactTo is { } memberMessage && await ReactAsync(chat, memberMessage, cancellationToken))
            {
                continue;
            }

            await SendMessageAsync(chat, threadId, reactTo, acknowledgement, cancellationToken);
        }

        return sent;
    }

    /// <summary>
    /// What was said in a session, asked for by one member, goes to that member's private chat, never to
    /// the group. Telegram lets a bot write there only once the member has started it; until then the
    /// group is told how.
    /// </summary>
    private async Task SendConfidentialAsync(Chat chat, int? threadId, int? replyTo, OutboundMessage message, User? asker, CancellationToken cancellationToken)
    {
        var me = await identity.UserAsync;
        var delivered = asker is { IsBot: false } person
            && await SendMessageAsync(new Chat { Id = person.Id, Type = ChatType.Private }, null, null, message, cancellationToken) is { Count: > 0 };
        var note = delivered
            ? "I sent it to you in our private chat."
            : $"That is only for you, so I don't post it here. Open a private chat with me (https://t.me/{me.Username}), press Start, then ask again here.";
        await SendMessageAsync(chat, threadId, replyTo, new OutboundMessage(note), cancellationToken);
    }

    private async Task<bool> ReactAsync(Chat chat, int messageId, CancellationToken cancellationToken)
    {
        var done = await sender.CallAsync("setMessageReaction", chat.Id, UpdateTranslator.IsGroup(chat), limited: false,
            async (to, ct) =>
            {
                await bot.SetMessageReaction(to, messageId, [new ReactionTypeEmoji { Emoji = Acknowledged }], cancellationToken: ct);
                return true;
            },
            cancellationToken);
        if (!done)
        {
            Log.ReactionFailed(logger, chat.Id);
        }

        return done;
    }

    /// <summary>Sends one outbound message, split into Telegram-sized chunks; the keyboard goes under the last one.</summary>
    private async Task<List<Message>> SendMessageAsync(Chat chat, int? threadId, int? replyTo, OutboundMessage message, CancellationToken cancellationToken)
    {
        var sent = new List<Message>();
        var chunks = TelegramHtml.Render(message);
        for (var i = 0; i < chunks.Count; i++)
        {
            var markup = i == chunks.Count - 1 ? Keyboard(message) : null;
            var text = chunks[i];
            var quoted = i == 0 ? replyTo : null;
            var posted = await sender.CallAsync("sendMessage", chat.Id, UpdateTranslator.IsGroup(chat), limited: true,
                (to, ct) => bot.SendMessage(
                    to,
                    text,
                    ParseMode.Html,
                    replyParameters: quoted is { } quotedId ? new ReplyParameters { MessageId = quotedId, AllowSendingWithoutReply = true } : null,
                    replyMarkup: markup,
                    linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
                    messageThreadId: threadId,
                    cancellationToken: ct),
                cancellationToken);
            if (posted is not null)
            {
                sent.Add(posted);
            }
        }

        return sent;
    }

    /// <summary>An answer of the adapter's own (nothing reached the engine), quoting the member's message.</summary>
    private async Task SendTextAsync(Chat chat, Message quoted, string text, CancellationToken cancellationToken) =>
        await SendMessageAsync(chat, quoted.IsTopicMessage ? quoted.MessageThreadId : null, quoted.MessageId, new OutboundMessage(text), cancellationToken);

    private async Task<int?> OpenTopicAsync(Chat chat, string title, CancellationToken cancellationToken)
    {
        try
        {
            var topic = await bot.CreateForumTopic(chat.Id, title.Length > 128 ? title[..128] : title, cancellationToken: cancellationToken);
            return topic.MessageThreadId;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.TopicFailed(logger, ex, chat.Id);
            return null;
        }
    }

    private static InlineKeyboardMarkup? Keyboard(OutboundMessage message)
    {
        if (message.Page is { Pages: > 1 } page)
        {
            var turns = new List<InlineKeyboardButton>();
            if (page.Page > 1)
            {
                turns.Add(InlineKeyboardButton.WithCallbackData("◀ Previous", ButtonCode.Page(page.List, page.Page - 1)));
            }

            if (page.Page < page.Pages)
            {
                turns.Add(InlineKeyboardButton.WithCallbackData("Next ▶", ButtonCode.Page(page.List, page.Page + 1)));
            }

            return new InlineKeyboardMarkup(turns);
        }

        if (message is not { Actions.Count: > 0, Stage: { } stage })
        {
            return null;
        }

        return new InlineKeyboardMarkup(message.Actions.Select(action => InlineKeyboardButton.WithCallbackData(
            action switch
            {
                StageAction.Next => "Next ▶",
                StageAction.Back => "◀ Back",
                StageAction.ConfirmEnd => "Yes, end session",
                _ => "End session",
            },
            StageButtonCode.Encode(action, stage))));
    }
}
