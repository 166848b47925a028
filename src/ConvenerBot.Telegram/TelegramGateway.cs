using System.Globalization;
using ConvenerBot.Core.Calendar;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Core.Text;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ConvenerBot.Telegram;

/// <summary>
/// Posts to Telegram: into a group, a forum topic of it, or a member's private chat. Text goes as HTML with
/// member text escaped, in parts of at most 4,096 characters, the keyboard under the last; a message that
/// opens a space gets a forum topic of its own in a forum group. Retries belong to <see cref="TelegramSender"/>.
/// A 403 or a chat that does not exist comes back as <see cref="PostResult.ConversationGone"/> (for a
/// member's private chat: <see cref="PostResult.PrivateUnreachable"/>), a deleted or closed topic as
/// <see cref="PostResult.SpaceGone"/>; marking the group or posting elsewhere is the caller's call.
/// A message with a calendar (<c>/session ics</c>) goes as a document (<c>sendDocument</c>, the .ics file with the
/// text as its caption), or, when the text is too long for a caption, as the text followed by the document.
/// </summary>
internal sealed class TelegramGateway(ITelegramBotClient bot, TelegramSender sender, ForumChats forums, ICalendarFiles calendarFiles, ILogger<TelegramGateway> logger)
    : IConversationGateway
{
    public const string PlatformName = "telegram";

    /// <summary>The longest caption Telegram takes on a document, counted as it counts text.</summary>
    public const int MaxCaptionLength = 1024;

    /// <summary>The method that sends a file (the .ics of <c>/session ics</c>).</summary>
    public const string SendDocument = "sendDocument";

    public string Platform => PlatformName;

    public async Task<PostResult> PostAsync(ConversationPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var privately = post.PrivatelyTo is not null;
        var chatId = Id(post.PrivatelyTo?.Id ?? post.Conversation.Id);
        var threadId = privately ? null : SmallId(post.Space);
        var replyTo = privately ? null : SmallId(post.ReplyTo);
        long? movedTo = null;
        if (!privately && threadId is null && post.Message.OpensSpace is { } title && await forums.IsForumAsync(chatId, cancellationToken))
        {
            var topic = await OpenTopicAsync(chatId, title, cancellationToken);
            if (topic is { IsDone: true, Value: { } opened })
            {
                threadId = opened.MessageThreadId;
                replyTo = null;
            }
            else if (topic.Outcome is TelegramCallOutcome.ChatGone)
            {
                return new PostResult.ConversationGone(topic.Description);
            }
            else
            {
                Log.TopicFailed(logger, chatId, topic.Description);
            }
        }

        var ids = new List<string>();
        var chunks = TelegramHtml.Render(post.Message);
        var file = post.Message.Calendar is { } calendar ? calendarFiles.Write(calendar) : null;
        // A short text goes on the document as its caption; a longer one goes before it, and the document has none.
        var caption = file is not null && chunks is [var only] && TelegramHtml.VisibleLength(only) <= MaxCaptionLength ? only : null;
        var parts = chunks.Count + (file is null ? 0 : 1) - (caption is null ? 0 : 1);
        for (var i = 0; i < parts; i++)
        {
            var markup = i == parts - 1 ? Keyboard(post.Message, post.Language) : null;
            var quoted = i == 0 ? replyTo : null;
            var replyParameters = quoted is { } quotedId ? new ReplyParameters { MessageId = quotedId, AllowSendingWithoutReply = true } : null;
            var document = file is not null && i == parts - 1;
            var text = document ? caption : chunks[i];
            TelegramCall<Message> sent;
            try
            {
                sent = document
                    ? await sender.CallAsync(SendDocument, chatId, isGroup: chatId < 0, limited: true,
                        (to, ct) => bot.SendDocument(
                            to,
                            // A fresh stream each attempt: a retry sends the whole file again.
                            InputFile.FromStream(new MemoryStream(file!.Content, writable: false), file.Name),
                            caption: text,
                            parseMode: text is null ? default : ParseMode.Html,
                            replyParameters: replyParameters,
                            replyMarkup: markup,
                            messageThreadId: threadId,
                            cancellationToken: ct),
                        cancellationToken)
                    : await sender.CallAsync(TelegramSender.SendMessage, Prompt(post.Message), chatId, isGroup: chatId < 0, limited: true,
                        (to, ct) => bot.SendMessage(
                            to,
                            text!,
                            ParseMode.Html,
                            replyParameters: replyParameters,
                            replyMarkup: markup,
                            linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
                            messageThreadId: threadId,
                            cancellationToken: ct),
                        cancellationToken);
            }
            catch (RequestException ex) when (ex is not ApiRequestException)
            {
                Log.Unanswered(logger, ex, chatId);
                return Moved(new PostResult.NotDelivered(ex.Message, MaybePosted: true), movedTo);
            }

            if (sent.MovedTo is { } newId)
            {
                chatId = newId;
                movedTo = newId;
            }

            switch (sent.Outcome)
            {
                case TelegramCallOutcome.Done:
                    ids.Add(sent.Value!.MessageId.ToString(CultureInfo.InvariantCulture));
                    break;
                case TelegramCallOutcome.ChatGone:
                    return Moved(privately ? new PostResult.PrivateUnreachable(sent.Description) : new PostResult.ConversationGone(sent.Description), movedTo);
                case TelegramCallOutcome.Failed when ids.Count == 0 && post.Space is not null && IsTopicGone(sent):
                    return Moved(new PostResult.SpaceGone(sent.Description), movedTo);
                default:
                    return Moved(new PostResult.NotDelivered(sent.Description), movedTo);
            }
        }

        return Moved(new PostResult.Delivered(ids, threadId?.ToString(CultureInfo.InvariantCulture)), movedTo);
    }

    /// <summary>
    /// Takes the keyboard off a message in the chat (the topic does not matter to Telegram). A message that is
    /// gone, or that Telegram will not edit, has no buttons left to take off; an edit is safe to repeat, so a
    /// timeout is tried again later.
    /// </summary>
    public async Task<PostResult> ClearActionsAsync(ConversationRef conversation, string? space, string messageId, CancellationToken cancellationToken)
    {
        var chatId = Id(conversation.Id);
        var message = SmallId(messageId)!.Value;
        TelegramCall<Message> call;
        try
        {
            call = await sender.CallAsync("editMessageReplyMarkup", chatId, isGroup: chatId < 0, limited: false,
                (to, ct) => bot.EditMessageReplyMarkup(to, message, replyMarkup: null, cancellationToken: ct), cancellationToken);
        }
        catch (RequestException ex) when (ex is not ApiRequestException)
        {
            return new PostResult.NotDelivered(ex.Message);
        }

        PostResult result = call.Outcome switch
        {
            TelegramCallOutcome.Done => new PostResult.Delivered([messageId], space),
            TelegramCallOutcome.ChatGone => new PostResult.ConversationGone(call.Description),
            // A refusal of the edit itself (the message is gone or cannot be edited) will not change on a retry.
            _ when call.Description.StartsWith("Bad Request", StringComparison.OrdinalIgnoreCase) => new PostResult.Delivered([], space),
            _ => new PostResult.NotDelivered(call.Description),
        };
        return Moved(result, call.MovedTo);
    }

    /// <summary>A forum topic for a session; when Telegram does not open one, the session runs in the group itself.</summary>
    private async Task<TelegramCall<ForumTopic>> OpenTopicAsync(long chatId, string title, CancellationToken cancellationToken)
    {
        try
        {
            return await sender.CallAsync("createForumTopic", chatId, isGroup: true, limited: false,
                (id, ct) => bot.CreateForumTopic(id, title.Length > 128 ? title[..128] : title, cancellationToken: ct), cancellationToken);
        }
        catch (RequestException ex) when (ex is not ApiRequestException)
        {
            return new(TelegramCallOutcome.Failed, null, ex.Message, null);
        }
    }

    /// <summary>
    /// The keyboard under a message: its stage actions, the pages around a listing's page, or the answers to a
    /// session (Going, Maybe, Can't, Bring a case); labelled in <paramref name="language"/>.
    /// </summary>
    public static InlineKeyboardMarkup? Keyboard(OutboundMessage message, string language)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Page is { Pages: > 1 } page)
        {
            var turns = new List<InlineKeyboardButton>();
            if (page.Page > 1)
            {
                turns.Add(InlineKeyboardButton.WithCallbackData($"◀ {Render(language, "platform.button.previous")}", ButtonCode.Page(page.List, page.Page - 1)));
            }

            if (page.Page < page.Pages)
            {
                turns.Add(InlineKeyboardButton.WithCallbackData($"{Render(language, "platform.button.next")} ▶", ButtonCode.Page(page.List, page.Page + 1)));
            }

            return new InlineKeyboardMarkup(turns);
        }

        if (message.RsvpFor is { } session)
        {
            // A session's card or reminder: members answer whether they come; a case is offered with /rsvp (the press says how).
            string Label(RsvpAnswer answer) => Render(language, answer switch
            {
                RsvpAnswer.Going => "platform.button.rsvp.going",
                RsvpAnswer.Maybe => "platform.button.rsvp.maybe",
                RsvpAnswer.No => "platform.button.rsvp.no",
                _ => "platform.button.rsvp.case",
            });
            var answers = RsvpButtonCode.Answers.Select(a => InlineKeyboardButton.WithCallbackData(Label(a), RsvpButtonCode.Encode(a, session))).ToList();
            return new InlineKeyboardMarkup([answers[..3], answers[3..]]);
        }

        if (message is not { Actions.Count: > 0, Stage: { } stage })
        {
            return null;
        }

        return new InlineKeyboardMarkup(message.Actions.Select(action => InlineKeyboardButton.WithCallbackData(
            action switch
            {
                StageAction.Next => $"{Render(language, "platform.button.next")} ▶",
                StageAction.Back => $"◀ {Render(language, "platform.button.back")}",
                StageAction.ConfirmEnd => Render(language, "platform.button.confirm-end"),
                StageAction.Start => $"{Render(language, "platform.button.start")} ▶",
                StageAction.Extend => MessageCatalog.Default.Render(language, "platform.button.extend", ("minutes", ExtendStageHandler.ButtonMinutes)),
                _ => Render(language, "platform.button.end"),
            },
            StageButtonCode.Encode(action, stage))));
    }

    /// <summary>
    /// The stage whose prompt a message is (it opens the stage, with its buttons), not a question about
    /// ending the session; null for any other message.
    /// </summary>
    public static StageRef? Prompt(OutboundMessage message) =>
        message is { Stage: { } stage, Actions.Count: > 0 } && !message.Actions.Contains(StageAction.ConfirmEnd) ? stage : null;

    /// <summary>Telegram's refusal of a forum topic that was deleted or closed; the group itself may still take the post.</summary>
    private static bool IsTopicGone(TelegramCall<Message> call) =>
        call.Description.Contains("thread not found", StringComparison.OrdinalIgnoreCase)
        || call.Description.Contains("TOPIC_DELETED", StringComparison.Ordinal)
        || call.Description.Contains("TOPIC_CLOSED", StringComparison.Ordinal);

    private static string Render(string language, string key) => MessageCatalog.Default.Render(language, key);

    private static PostResult Moved(PostResult result, long? movedTo) =>
        movedTo is { } id ? result with { MovedTo = TelegramSender.Conversation(id) } : result;

    private static long Id(string id) =>
        long.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"'{id}' is not a Telegram chat or user id.", nameof(id));

    private static int? SmallId(string? id) =>
        id is null ? null
        : int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ArgumentException($"'{id}' is not a Telegram message or topic id.", nameof(id));
}
