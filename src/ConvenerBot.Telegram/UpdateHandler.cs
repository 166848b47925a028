using System.Collections.Concurrent;
using ConvenerBot.Core.Conversations;
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
    TelegramSender sender,
    ILogger<UpdateHandler> logger)
{
    private readonly ConcurrentDictionary<UpdateType, bool> _ignoredKinds = new();

    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["UpdateId"] = update.Id, ["ChatId"] = ChatKey(update) });
        try
        {
            switch (update.Type)
            {
                case UpdateType.Message when update.Message is { } message:
                    await HandleMessageAsync(message, update.Id, cancellationToken);
                    break;
                case UpdateType.CallbackQuery when update.CallbackQuery is { } query:
                    await HandleButtonAsync(query, update.Id, cancellationToken);
                    break;
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
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.UpdateFailed(logger, ex, update.Id);
        }
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

    private async Task HandleMessageAsync(Message message, int updateId, CancellationToken cancellationToken)
    {
        var me = await identity.UserAsync.WaitAsync(cancellationToken);
        var preview = UpdateTranslator.FromMessage(message, me, isAdministrator: false, updateId);
        if (preview is null)
        {
            return;
        }

        var chat = message.Chat;
        var isAdmin = UpdateTranslator.IsGroup(chat) && await administrators.IsAdministratorAsync(chat.Id, message.From!.Id, cancellationToken);
        var reply = await convener.HandleAsync(preview with { IsPlatformAdmin = isAdmin }, cancellationToken);
        if (!reply.AlreadyHandled)
        {
            await SendReplyAsync(chat, message.IsTopicMessage ? message.MessageThreadId : null, message.MessageId, reply, cancellationToken);
        }
    }

    private async Task HandleButtonAsync(CallbackQuery query, int updateId, CancellationToken cancellationToken)
    {
        if (query.Message is not { } message || !StageButtonCode.TryParse(query.Data, out var button))
        {
            await AnswerAsync(query, "This button is not valid (any more).", cancellationToken);
            return;
        }

        var chat = message.Chat;
        var isAdmin = UpdateTranslator.IsGroup(chat) && await administrators.IsAdministratorAsync(chat.Id, query.From.Id, cancellationToken);
        var reply = await convener.HandleAsync(UpdateTranslator.FromButton(query, button, isAdmin, updateId), cancellationToken);
        if (reply.AlreadyHandled)
        {
            await AnswerAsync(query, null, cancellationToken);
            return;
        }

        if (reply.Refused)
        {
            await AnswerAsync(query, string.Join(" ", reply.Messages.Select(m => m.Text)), cancellationToken);
            return;
        }

        await AnswerAsync(query, null, cancellationToken);
        await sender.CallAsync("editMessageReplyMarkup", chat.Id, UpdateTranslator.IsGroup(chat), limited: false,
            ct => bot.EditMessageReplyMarkup(chat.Id, message.MessageId, replyMarkup: null, cancellationToken: ct), cancellationToken);
        await SendReplyAsync(chat, message.IsTopicMessage ? message.MessageThreadId : null, replyTo: null, reply, cancellationToken);
    }

    private async Task HandleMembershipAsync(ChatMemberUpdated change, CancellationToken cancellationToken)
    {
        var gone = change.NewChatMember.Status is ChatMemberStatus.Left or ChatMemberStatus.Kicked;
        await convener.SetConversationActiveAsync(TelegramSender.Conversation(change.Chat.Id), active: !gone, cancellationToken);
    }

    /// <summary>A refusal on a button shows as an alert (at most 200 characters); a quiet answer stops the spinner.</summary>
    private async Task AnswerAsync(CallbackQuery query, string? alert, CancellationToken cancellationToken) =>
        await sender.CallAsync("answerCallbackQuery", query.Message?.Chat.Id ?? query.From.Id, isGroup: false, limited: false,
            async ct =>
            {
                await bot.AnswerCallbackQuery(query.Id, alert is null ? null : Core.Text.UserText.Shorten(alert, 190), showAlert: alert is not null, cancellationToken: ct);
                return true;
            },
            cancellationToken);

    private async Task SendReplyAsync(Chat chat, int? threadId, int? replyTo, Reply reply, CancellationToken cancellationToken)
    {
        var isGroup = UpdateTranslator.IsGroup(chat);
        foreach (var message in reply.Messages)
        {
            if (message.OpensSpace is { } title && chat.IsForum)
            {
                threadId = await OpenTopicAsync(chat, title, cancellationToken) ?? threadId;
                replyTo = null;
            }

            var chunks = TelegramHtml.Render(message);
            for (var i = 0; i < chunks.Count; i++)
            {
                var markup = i == chunks.Count - 1 ? Keyboard(message) : null;
                var text = chunks[i];
                var quoted = replyTo;
                await sender.CallAsync("sendMessage", chat.Id, isGroup, limited: true,
                    ct => bot.SendMessage(
                        chat.Id,
                        text,
                        ParseMode.Html,
                        replyParameters: quoted is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null,
                        replyMarkup: markup,
                        linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
                        messageThreadId: threadId,
                        cancellationToken: ct),
                    cancellationToken);
                replyTo = null;
            }
        }
    }

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
        if (message is not { Actions.Count: > 0, Stage: { } stage })
        {
            return null;
        }

        return new InlineKeyboardMarkup(message.Actions.Select(action => InlineKeyboardButton.WithCallbackData(
            action switch
            {
                StageAction.Next => "Next ▶",
                StageAction.Back => "◀ Back",
                _ => "End session",
            },
            StageButtonCode.Encode(action, stage))));
    }
}
