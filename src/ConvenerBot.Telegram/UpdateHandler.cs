using System.Collections.Concurrent;
using System.Globalization;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Text;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ConvenerBot.Telegram;

/// <summary>
/// Handles one update: translate, let the engine decide, post the reply back into the chat through the
/// gateway. What Telegram says on the way decides what happens to the group: a chat that refuses the bot is
/// marked inactive, a chat that became a supergroup has its group moved.
/// </summary>
internal sealed class UpdateHandler(
    ITelegramBotClient bot,
    IConvener convener,
    BotIdentity identity,
    ChatAdministrators administrators,
    ChatMigrations migrations,
    ForumChats forums,
    AcknowledgementNotes notes,
    TelegramGateway gateway,
    TelegramSender sender,
    TelegramOptions options,
    TimeProvider time,
    ILogger<UpdateHandler> logger)
{
    private const string Acknowledged = "👍";

    // Telegram takes an answer to a press for a few minutes only; older marks are of no use.
    private static readonly TimeSpan PressAnswerable = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<UpdateType, bool> _ignoredKinds = new();

    // A reply's messages are each tried until the send deadline; the outbox waits a little longer before it takes over.
    private readonly TimeSpan AnswerWithin = options.SendDeadline + TimeSpan.FromMinutes(2);

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
        forums.Observe(chat);
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

        if (message is { Text: null, Caption: { } caption, From: { IsBot: false } author } && caption.StartsWith('/') && UpdateTranslator.IsOurs(caption, me))
        {
            if (await RecordHintAsync(chat, author, caption, updateId, cancellationToken))
            {
                await SendTextAsync(chat, message, Render(MessageCatalog.DefaultLanguage, "telegram.caption-hint"), cancellationToken);
            }

            return true;
        }

        var inbound = UpdateTranslator.FromMessage(message, me, updateId);
        if (inbound is null)
        {
            return true;
        }

        // An anonymous administrator is one by Telegram's own word; nobody else is in a private chat. A plain
        // reply can only be a contribution (or nothing), which needs no rights: Telegram is not asked.
        var isAdmin = inbound.IsPlatformAdmin || !UpdateTranslator.IsGroup(chat) || inbound.RepliedToMessageId is not null
            ? inbound.IsPlatformAdmin
            : await administrators.IsAdministratorAsync(chat.Id, message.From!.Id, cancellationToken);
        if (isAdmin is not { } known)
        {
            await SendTextAsync(chat, message, Render(MessageCatalog.DefaultLanguage, "telegram.rights-unknown"), cancellationToken);
            return true;
        }

        var threadId = message.IsTopicMessage ? message.MessageThreadId : null;
        var reply = await convener.HandleAsync(
            inbound with
            {
                IsPlatformAdmin = known,
                Conversation = TelegramSender.Conversation(migrations.Resolve(chat.Id)),
                MessageId = message.MessageId.ToString(CultureInfo.InvariantCulture),
                Space = threadId?.ToString(CultureInfo.InvariantCulture),
                AnswerWithin = AnswerWithin,
            },
            cancellationToken);
        if (reply.StoreUnavailable)
        {
            if (_outageNoticed.TryAdd(chat.Id, true))
            {
                await NoticeOutageAsync(chat.Id, async () => (await SendReplyAsync(chat, threadId, message.MessageId, reply, cancellationToken)).Complete, cancellationToken);
            }

            return false;
        }

        _outageNoticed.TryRemove(chat.Id, out _);
        if (!reply.AlreadyHandled && !reply.Ignored)
        {
            await SettleAsync(reply, await SendReplyAsync(chat, threadId, message.MessageId, reply, cancellationToken, message.From), cancellationToken);
            if (!reply.Refused && reply.RoleHolder is { Platform: TelegramGateway.PlatformName } person && CommandParser.Parse(inbound.Text).Command is SetRoleCommand role)
            {
                await SetMenuAsync(chat, person, role.Role, cancellationToken);
            }
        }

        return true;
    }

    private async Task<bool> HandleButtonAsync(CallbackQuery query, int updateId, CancellationToken cancellationToken)
    {
        if (query.Message is { } pressed && RsvpButtonCode.TryParse(query.Data, out var answer, out var session))
        {
            return await HandleRsvpButtonAsync(query, pressed.Chat, answer, session, updateId, cancellationToken);
        }

        StageButton? button = null;
        var page = 0;
        if (query.Message is not { } message
            || !(StageButtonCode.TryParse(query.Data, out var stageButton) ? (button = stageButton) is not null : ButtonCode.TryParsePage(query.Data, out _, out page)))
        {
            await AnswerAsync(query, Render(MessageCatalog.DefaultLanguage, "platform.button-invalid"), cancellationToken);
            return true;
        }

        var chat = message.Chat;
        forums.Observe(chat);
        // Turning a page of the case list needs no rights: Telegram is not asked.
        var isAdmin = UpdateTranslator.IsGroup(chat) && button is not null ? await administrators.IsAdministratorAsync(chat.Id, query.From.Id, cancellationToken) : false;
        if (isAdmin is not { } known)
        {
            await AnswerAsync(query, Render(MessageCatalog.DefaultLanguage, "telegram.rights-unknown"), cancellationToken);
            return true;
        }

        var inbound = UpdateTranslator.FromButton(query, known, updateId) with
        {
            Conversation = TelegramSender.Conversation(migrations.Resolve(chat.Id)),
            Space = message.IsTopicMessage ? message.MessageThreadId?.ToString(CultureInfo.InvariantCulture) : null,
            AnswerWithin = AnswerWithin,
        };
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
            // The engine says when the press came on buttons that no longer apply (the session moved on).
            if (button is not null && reply.StaleStage)
            {
                await RemoveButtonsAsync(chat, message.MessageId, cancellationToken);
            }

            return true;
        }

        await Answer(null);
        if (button is null && reply.Messages is [{ Page: not null } listing])
        {
            // A page button turns the listing's page in place.
            await EditAsync(chat, message.MessageId, listing, reply.Language, cancellationToken);
            await SettleAsync(reply, new Sent(true, []), cancellationToken);
            return true;
        }

        if (StageButtons.MovesOn(reply))
        {
            // The pressed message loses its buttons at once; the others the session moved on from go by due work (StageButtons).
            await RemoveButtonsAsync(chat, message.MessageId, cancellationToken);
        }

        await SettleAsync(reply, await SendReplyAsync(chat, message.IsTopicMessage ? message.MessageThreadId : null, replyTo: null, reply, cancellationToken, query.From), cancellationToken);
        return true;
    }

    /// <summary>
    /// An answer button under a session's card or reminder: the same command as <c>/rsvp</c>, answered to the
    /// member alone (a short notification; an alert when refused). It needs no rights, so Telegram is not asked.
    /// Offering a case needs its title, which a button cannot carry: the member is told how to write it.
    /// </summary>
    private async Task<bool> HandleRsvpButtonAsync(CallbackQuery query, Chat chat, Core.Sessions.RsvpAnswer answer, int session, int updateId, CancellationToken cancellationToken)
    {
        forums.Observe(chat);
        if (answer is Core.Sessions.RsvpAnswer.Case || RsvpButtonCode.Bind(answer, session).Command is not { } command)
        {
            await AnswerAsync(query, Render(MessageCatalog.DefaultLanguage, "telegram.rsvp.case-hint", ("number", session)), cancellationToken);
            return true;
        }

        var inbound = UpdateTranslator.FromButton(query, isAdministrator: false, updateId)
            with { Conversation = TelegramSender.Conversation(migrations.Resolve(chat.Id)), Command = command };
        var reply = await convener.HandleAsync(inbound, cancellationToken);
        if (reply.StoreUnavailable)
        {
            if (MarkAnswered(query.Id))
            {
                await NoticeOutageAsync(chat.Id, () => AnswerAsync(query, string.Join(" ", reply.Messages.Select(m => m.Text)), cancellationToken), cancellationToken);
            }

            return false;
        }

        _outageNoticed.TryRemove(chat.Id, out _);
        var shown = true;
        if (!_answeredPresses.TryRemove(query.Id, out _))
        {
            var text = reply.AlreadyHandled ? null : string.Join(" ", reply.Messages.Select(m => m.Text));
            shown = await AnswerAsync(query, text, cancellationToken, alert: reply.Refused);
        }

        // The answer is the member's notification; when Telegram did not take it, the outbox tells them later.
        await SettleAsync(reply, new Sent(shown, shown ? [] : reply.Messages), cancellationToken);
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
    private async Task NoticeOutageAsync(long chatId, Func<Task<bool>> notice, CancellationToken cancellationToken)
    {
        try
        {
            if (!await notice())
            {
                Log.OutageNoticeFailed(logger, null, chatId);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.OutageNoticeFailed(logger, ex, chatId);
        }
    }

    /// <summary>
    /// The person given a role sees its commands in this chat's menu (facilitators get /next and /back),
    /// however they were named: the engine says whose role it set (<see cref="Reply.RoleHolder"/>).
    /// </summary>
    private async Task SetMenuAsync(Chat chat, MemberRef person, Core.Members.Role role, CancellationToken cancellationToken)
    {
        if (!long.TryParse(person.Id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var userId))
        {
            return;
        }

        await CallAsync("setMyCommands", chat, limited: false,
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

    private async Task RemoveButtonsAsync(Chat chat, int messageId, CancellationToken cancellationToken)
    {
        await CallAsync("editMessageReplyMarkup", chat, limited: false,
            (id, ct) => bot.EditMessageReplyMarkup(id, messageId, replyMarkup: null, cancellationToken: ct), cancellationToken);
    }

    private async Task EditAsync(Chat chat, int messageId, OutboundMessage message, string language, CancellationToken cancellationToken)
    {
        var text = TelegramHtml.Render(message)[0];
        await CallAsync("editMessageText", chat, limited: false,
            (id, ct) => bot.EditMessageText(id, messageId, text, ParseMode.Html, replyMarkup: TelegramGateway.Keyboard(message, language),
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, cancellationToken: ct),
            cancellationToken);
    }

    /// <summary>A call about the chat other than a post; what Telegram says of the chat on the way is followed up.</summary>
    private async Task<bool> CallAsync<T>(string method, Chat chat, bool limited, Func<long, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var result = await sender.CallAsync(method, chat.Id, UpdateTranslator.IsGroup(chat), limited, call, cancellationToken);
        await FollowAsync(chat.Id, result.MovedTo is { } to ? TelegramSender.Conversation(to) : null, result.Outcome is TelegramCallOutcome.ChatGone ? result.Description : null, cancellationToken);
        return result.IsDone;
    }

    /// <summary>Posts through the gateway; what Telegram says of the chat on the way is followed up.</summary>
    private async Task<PostResult> PostAsync(Chat chat, ConversationPost post, CancellationToken cancellationToken)
    {
        var result = await gateway.PostAsync(post, cancellationToken);
        await FollowAsync(chat.Id, result.MovedTo, result is PostResult.ConversationGone gone ? gone.Reason : null, cancellationToken);
        return result;
    }

    /// <summary>
    /// A chat that became a supergroup has its group moved there; a chat that refuses the bot (removed,
    /// blocked, no longer there) is marked inactive if the store can take it (otherwise the bot's removal,
    /// a membership update kept until the store is back, marks it).
    /// </summary>
    private async Task FollowAsync(long chatId, ConversationRef? movedTo, string? goneBecause, CancellationToken cancellationToken)
    {
        if (movedTo is { } to && long.TryParse(to.Id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var newId))
        {
            await migrations.FollowAsync(chatId, newId, cancellationToken);
        }

        if (goneBecause is null)
        {
            return;
        }

        Log.Refused(logger, chatId, goneBecause);
        try
        {
            await convener.SetConversationActiveAsync(TelegramSender.Conversation(migrations.Resolve(chatId)), active: false, cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            Log.InactiveNotRecorded(logger, ex, chatId);
        }
    }

    private async Task HandleMembershipAsync(ChatMemberUpdated change, CancellationToken cancellationToken)
    {
        var gone = change.NewChatMember.Status is ChatMemberStatus.Left or ChatMemberStatus.Kicked;
        await convener.SetConversationActiveAsync(TelegramSender.Conversation(change.Chat.Id), active: !gone, cancellationToken);
    }

    /// <summary>
    /// A refusal on a button shows as an alert (at most 200 characters); a quiet answer stops the spinner; with
    /// <paramref name="alert"/> false the text is a short notification instead (an acknowledgement).
    /// </summary>
    private async Task<bool> AnswerAsync(CallbackQuery query, string? text, CancellationToken cancellationToken, bool alert = true) =>
        (await sender.CallAsync("answerCallbackQuery", query.Message?.Chat.Id ?? query.From.Id, isGroup: false, limited: false,
            async (_, ct) =>
            {
                await bot.AnswerCallbackQuery(query.Id, text is null ? null : Core.Text.UserText.Shorten(text, 190), showAlert: alert && text is not null, cancellationToken: ct);
                return true;
            },
            cancellationToken)).IsDone;

    /// <summary>
    /// Sends a reply: answers and prompts first, then routine acknowledgements, which become a 👍 reaction
    /// on the member's message so they never hold back a prompt under the group's 20 messages a minute
    /// (where reactions are refused, one shared message: <see cref="AcknowledgementNotes"/>).
    /// Echoes are not posted: members see each other's messages. Stops when the chat refuses the bot.
    /// Returns what Telegram did not take.
    /// </summary>
    private async Task<Sent> SendReplyAsync(Chat chat, int? threadId, int? replyTo, Reply reply, CancellationToken cancellationToken, User? asker = null)
    {
        var undelivered = new List<OutboundMessage>();
        var complete = true;
        var reactTo = replyTo;
        var acknowledgements = reply.Messages.Where(m => m.Purpose is MessagePurpose.Acknowledgement).ToList();
        foreach (var message in reply.Messages.Where(m => m.Purpose is MessagePurpose.Answer))
        {
            if (message.Confidential && UpdateTranslator.IsGroup(chat))
            {
                var told = await SendConfidentialAsync(chat, threadId, replyTo, message, reply.Language, asker, cancellationToken);
                replyTo = null;
                if (told is PostResult.ConversationGone)
                {
                    return Sent.Gone;
                }

                complete &= told is PostResult.Delivered;
                if (Undelivered(told, message))
                {
                    undelivered.Add(message);
                }

                continue;
            }

            var result = await PostAsync(chat, Post(chat, message, threadId, replyTo, reply.Language), cancellationToken);
            replyTo = null;
            if (result is PostResult.ConversationGone)
            {
                return Sent.Gone;
            }

            if (result is not PostResult.Delivered { MessageIds: var ids, Space: var space })
            {
                complete = false;
                if (Undelivered(result, message))
                {
                    undelivered.Add(message);
                }

                continue;
            }

            threadId = Number(space);
            if (message is { SpaceSession: { } session } && space is not null)
            {
                await RecordSpaceAsync(chat.Id, session, space, cancellationToken);
            }

            if (message is { Stage: { } stage, Actions.Count: > 0 })
            {
                // The prompt first: replies to it count as contributions, which matters more than its buttons.
                if (!message.Actions.Contains(StageAction.ConfirmEnd))
                {
                    await RecordPromptAsync(chat.Id, ids, stage, cancellationToken);
                }

                await RecordButtonsAsync(chat.Id, ids[^1], space, message, cancellationToken);
            }
        }

        var unreacted = new List<OutboundMessage>();
        foreach (var acknowledgement in acknowledgements)
        {
            if (reactTo is { } memberMessage && !notes.RefusesReactions(chat.Id) && await ReactAsync(chat, memberMessage, cancellationToken))
            {
                continue;
            }

            unreacted.Add(acknowledgement);
        }

        if (unreacted.Count > 0)
        {
            var result = await AcknowledgeAsync(chat, threadId, reactTo, unreacted, reply.Language, cancellationToken);
            complete &= result is PostResult.Delivered;
            if (Undelivered(result, unreacted[0]))
            {
                undelivered.AddRange(unreacted);
            }
        }

        return new Sent(complete, undelivered);
    }

    /// <summary>
    /// Telegram refused or gave up on the message, and cannot have shown it: the outbox posts it later. A stage
    /// prompt Telegram may have shown (a timeout, an unreadable answer) is posted again too: a repeat is
    /// better than a prompt lost, which would leave the stage without a message to reply to.
    /// </summary>
    private static bool Undelivered(PostResult result, OutboundMessage message) =>
        result is PostResult.NotDelivered { MaybePosted: false }
        || (result is PostResult.NotDelivered { MaybePosted: true } && TelegramGateway.Prompt(message) is not null);

    /// <summary>
    /// Tells the engine the reply is out, but for what Telegram did not take, which the outbox posts later.
    /// The update is handled either way: should the store not take this, the outbox posts the answer once
    /// its hold runs out (a repeat).
    /// </summary>
    private async Task SettleAsync(Reply reply, Sent sent, CancellationToken cancellationToken)
    {
        try
        {
            await convener.SettleAsync(reply, sent.Undelivered, cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            Log.NotSettled(logger, ex);
        }
    }

    /// <summary>What became of a reply: whether all of it went out, and what Telegram did not take.</summary>
    private sealed record Sent(bool Complete, IReadOnlyList<OutboundMessage> Undelivered)
    {
        /// <summary>The chat refuses the bot: nothing more can be posted there, now or later.</summary>
        public static Sent Gone { get; } = new(false, []);
    }

    /// <summary>
    /// Records which messages are the stage's prompt, so a reply to any of them is a contribution to it,
    /// after a restart too. The prompt is out either way: when the store cannot take it, replies to this
    /// prompt go unrecognised (members can still contribute with the stage's command).
    /// </summary>
    private async Task RecordPromptAsync(long chatId, IReadOnlyList<string> messageIds, StageRef stage, CancellationToken cancellationToken)
    {
        var conversation = TelegramSender.Conversation(migrations.Resolve(chatId));
        try
        {
            foreach (var id in messageIds)
            {
                await convener.RecordPromptAsync(conversation, id, stage, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The rest of the reply (acknowledgements, old buttons off) still goes out.
            Log.PromptNotRecorded(logger, ex, chatId, stage.SessionNumber, stage.StageNumber);
        }
    }

    /// <summary>
    /// Records that the message carries buttons about a session, so they are taken off once it moves on, after
    /// a restart too. If the store cannot take it, those buttons stay until pressed, and a press is refused as stale.
    /// </summary>
    private async Task RecordButtonsAsync(long chatId, string messageId, string? space, OutboundMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await convener.RecordButtonsAsync(TelegramSender.Conversation(migrations.Resolve(chatId)), messageId, space, message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.ButtonsNotRecorded(logger, ex, chatId, messageId);
        }
    }

    /// <summary>
    /// Records the forum topic a session's start opened, so what the bot later posts about the session on its
    /// own goes there. If the store cannot take it, those posts go to the group itself.
    /// </summary>
    private async Task RecordSpaceAsync(long chatId, int session, string space, CancellationToken cancellationToken)
    {
        try
        {
            await convener.RecordSpaceAsync(TelegramSender.Conversation(migrations.Resolve(chatId)), session, space, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.SpaceNotRecorded(logger, ex, chatId, session);
        }
    }

    /// <summary>
    /// What was said in a session, asked for by one member, goes to that member's private chat, never to
    /// the group. Telegram lets a bot write there only once the member has started it; until then the
    /// group is told how. Returns what became of the note in the group.
    /// </summary>
    private async Task<PostResult> SendConfidentialAsync(
        Chat chat, int? threadId, int? replyTo, OutboundMessage message, string language, User? asker, CancellationToken cancellationToken)
    {
        var me = await identity.UserAsync;
        var delivered = asker is { IsBot: false } person
            && await gateway.PostAsync(Post(chat, message, null, null, language) with { PrivatelyTo = UpdateTranslator.Member(person) }, cancellationToken) is PostResult.Delivered;
        var note = delivered
            ? Render(language, "telegram.confidential.sent")
            : Render(language, "telegram.confidential.start-private", ("link", $"https://t.me/{me.Username}"));
        return await PostAsync(chat, Post(chat, new OutboundMessage(note), threadId, replyTo, language), cancellationToken);
    }

    /// <summary>
    /// Acknowledgements that did not become reactions, as one message: added to the chat's acknowledgement
    /// message of the last minute by editing it (nothing new is posted), else posted as a message that later
    /// ones join (see <see cref="AcknowledgementNotes"/>).
    /// </summary>
    private async Task<PostResult> AcknowledgeAsync(
        Chat chat, int? threadId, int? quoted, List<OutboundMessage> acknowledgements, string language, CancellationToken cancellationToken)
    {
        var format = acknowledgements[0].Format;
        var text = string.Join('\n', acknowledgements.Select(a => a.Text));
        if (notes.Open(chat.Id, threadId) is { } note && TelegramHtml.Render(new OutboundMessage($"{note.Text}\n{text}", format)) is [var html])
        {
            var edited = await CallAsync("editMessageText", chat, limited: false,
                (id, ct) => bot.EditMessageText(id, note.MessageId, html, ParseMode.Html, linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, cancellationToken: ct),
                cancellationToken);
            if (edited)
            {
                notes.Edited(chat.Id, threadId, note, $"{note.Text}\n{text}");
                return new PostResult.Delivered([note.MessageId.ToString(CultureInfo.InvariantCulture)], threadId?.ToString(CultureInfo.InvariantCulture));
            }
        }

        var message = new OutboundMessage(text, format) { Purpose = MessagePurpose.Acknowledgement };
        var result = await PostAsync(chat, Post(chat, message, threadId, quoted, language), cancellationToken);
        if (result is PostResult.Delivered { MessageIds: [var posted] } && Number(posted) is { } messageId)
        {
            notes.Posted(chat.Id, threadId, messageId, text);
        }

        return result;
    }

    private async Task<bool> ReactAsync(Chat chat, int messageId, CancellationToken cancellationToken)
    {
        var done = await CallAsync("setMessageReaction", chat, limited: false,
            async (to, ct) =>
            {
                await bot.SetMessageReaction(to, messageId, [new ReactionTypeEmoji { Emoji = Acknowledged }], cancellationToken: ct);
                return true;
            },
            cancellationToken);
        if (!done)
        {
            notes.ReactionRefused(chat.Id);
            Log.ReactionFailed(logger, chat.Id, AcknowledgementNotes.RefusalKept);
        }

        return done;
    }

    /// <summary>
    /// Records a message the adapter answers on its own in the engine's delivery log, as a refused command's
    /// is: false when it was answered before (a redelivery after a restart). When the store is out the hint
    /// is still the right answer, as a refusal is.
    /// </summary>
    private async Task<bool> RecordHintAsync(Chat chat, User author, string text, int updateId, CancellationToken cancellationToken)
    {
        var delivery = new Inbound(
            TelegramSender.Conversation(migrations.Resolve(chat.Id)), chat.Title ?? "", UpdateTranslator.Member(author), UpdateTranslator.DisplayName(author), false, text)
        {
            DeliveryId = updateId.ToString(CultureInfo.InvariantCulture),
        };
        try
        {
            return await convener.RecordDeliveryAsync(delivery, cancellationToken);
        }
        catch (StoreUnavailableException)
        {
            return true;
        }
    }

    /// <summary>An answer of the adapter's own (nothing reached the engine), quoting the member's message.</summary>
    private async Task SendTextAsync(Chat chat, Message quoted, string text, CancellationToken cancellationToken) =>
        await PostAsync(chat, Post(chat, new OutboundMessage(text), quoted.IsTopicMessage ? quoted.MessageThreadId : null, quoted.MessageId, MessageCatalog.DefaultLanguage), cancellationToken);

    private static ConversationPost Post(Chat chat, OutboundMessage message, int? threadId, int? replyTo, string language) =>
        new(TelegramSender.Conversation(chat.Id), message)
        {
            Space = threadId?.ToString(CultureInfo.InvariantCulture),
            ReplyTo = replyTo?.ToString(CultureInfo.InvariantCulture),
            Language = language,
        };

    /// <summary>The adapter's own words, from the message catalog.</summary>
    private static string Render(string language, string key, params (string Name, object? Value)[] args) => MessageCatalog.Default.Render(language, key, args);

    private static int? Number(string? id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
