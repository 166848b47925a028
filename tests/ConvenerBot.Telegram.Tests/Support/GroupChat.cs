using System.Net;
using ConvenerBot.Telegram.Tests.Fake;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ConvenerBot.Telegram.Tests.Support;

/// <summary>Members typing in one Telegram group, through polling or the webhook, and the bot's answers.</summary>
internal sealed class GroupChat(FakeBotApi api, RunningBot bot, long chatId, bool webhook, bool isForum = false, ChatType type = ChatType.Supergroup)
{
    private static int _nextUpdateId = 1000;
    private int _seen;

    /// <summary>Sends a message; waits for the bot's next message in the chat and checks it contains <paramref name="expected"/>.</summary>
    public async Task<FakeBotApi.SentMessage> SayAsync(User from, string text, string? expected, FakeBotApi.SentMessage? replyTo = null, Message? replyToMember = null, MessageEntity[]? entities = null)
    {
        var update = Text(from, text, replyTo, replyToMember, entities);
        await DeliverAsync(update);
        if (expected is null)
        {
            await Task.Delay(300);
            Assert.Equal(_seen, Mine().Count);
            return null!;
        }

        return await NextContainingAsync(expected);
    }

    /// <summary>The organizer opens a case, schedules and starts its session, and moves to the questions stage (3); returns its prompt.</summary>
    public async Task<FakeBotApi.SentMessage> OpenQuestionsStageAsync(User organizer)
    {
        await SayAsync(organizer, "/case open Funding gap", "Saved case 1");
        await SayAsync(organizer, "/session schedule 2030-01-01 10:00 case 1", "Saved: session 1");
        await SayAsync(organizer, "/session start now", "stage 1 of 6");
        await SayAsync(organizer, "/next", "stage 2 of 6");
        return await SayAsync(organizer, "/next", "stage 3 of 6");
    }

    /// <summary>Sends a contribution and waits for the bot's 👍 on it (the routine acknowledgement in Telegram).</summary>
    public async Task<FakeBotApi.Reaction> ContributeAsync(User from, string text, FakeBotApi.SentMessage? replyTo = null)
    {
        var update = Text(from, text, replyTo);
        await DeliverAsync(update);
        return await api.WaitForAsync(a => a.Reactions.FirstOrDefault(r => r.ChatId == chatId && r.MessageId == update.Message!.Id));
    }

    public async Task<FakeBotApi.CallbackAnswer> PressAsync(User from, FakeBotApi.SentMessage message, string data)
    {
        var update = Press(from, message, data);
        await DeliverAsync(update);
        return await api.WaitForAsync(a => a.CallbackAnswers.FirstOrDefault(c => c.Id == update.CallbackQuery!.Id));
    }

    public async Task<FakeBotApi.SentMessage> PressForPromptAsync(User from, FakeBotApi.SentMessage message, string data, string expected)
    {
        var answer = await PressAsync(from, message, data);
        Assert.False(answer.ShowAlert, answer.Text);
        return await NextContainingAsync(expected);
    }

    public static IReadOnlyList<string> Buttons(FakeBotApi.SentMessage message) =>
        message.ReplyMarkup is InlineKeyboardMarkup keyboard
            ? [.. keyboard.InlineKeyboard.SelectMany(row => row).Select(b => b.CallbackData!)]
            : [];

    public static int NextUpdateId() => Interlocked.Increment(ref _nextUpdateId);

    /// <summary>Delivers an update as Telegram would in this chat's mode; the bot's replies are read with the other methods.</summary>
    public Task SendAsync(Update update) => DeliverAsync(update);

    public Task<FakeBotApi.SentMessage> ExpectAsync(string expected) => NextContainingAsync(expected);

    public Update Text(User from, string text, FakeBotApi.SentMessage? replyTo = null, Message? replyToMember = null, MessageEntity[]? entities = null) => new()
    {
        Id = Interlocked.Increment(ref _nextUpdateId),
        Message = new Message
        {
            Id = Interlocked.Increment(ref _nextUpdateId),
            Date = DateTime.UtcNow,
            Chat = Chat,
            From = from,
            Text = text,
            Entities = text.StartsWith('/')
                ? [new MessageEntity { Type = MessageEntityType.BotCommand, Offset = 0, Length = text.IndexOf(' ') is var end and > 0 ? end : text.Length }, .. entities ?? []]
                : entities,
            ReplyToMessage = replyTo is null ? replyToMember : AsMessage(replyTo),
        },
    };

    /// <summary>
    /// A member's message the bot never received (with privacy mode on it sees only commands and replies
    /// to itself), for others to reply to.
    /// </summary>
    public Message Chatter(User from, string text) => new()
    {
        Id = Interlocked.Increment(ref _nextUpdateId),
        Date = DateTime.UtcNow,
        Chat = Chat,
        From = from,
        Text = text,
    };

    public Update Press(User from, FakeBotApi.SentMessage message, string data) => new()
    {
        Id = Interlocked.Increment(ref _nextUpdateId),
        CallbackQuery = new CallbackQuery
        {
            Id = Guid.NewGuid().ToString("N"),
            From = from,
            ChatInstance = "circle",
            Data = data,
            Message = AsMessage(message),
        },
    };

    private Chat Chat => type is ChatType.Private
        ? new() { Id = chatId, Type = type, FirstName = "Ana" }
        : new() { Id = chatId, Type = type, Title = "Peer circle", IsForum = isForum };

    private Message AsMessage(FakeBotApi.SentMessage sent) => new()
    {
        Id = sent.MessageId,
        Date = DateTime.UtcNow,
        Chat = Chat,
        From = api.BotUser,
        Text = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(sent.Text, "<[^>]+>", "")),
        ReplyMarkup = sent.ReplyMarkup,
        MessageThreadId = sent.MessageThreadId,
        IsTopicMessage = sent.MessageThreadId is not null && isForum,
    };

    private async Task DeliverAsync(Update update)
    {
        if (webhook)
        {
            using var response = await api.PostUpdateToWebhookAsync(bot.WebhookUrl.ToString(), update, RunningBot.Secret);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            api.EnqueueUpdate(update);
        }
    }

    private List<FakeBotApi.SentMessage> Mine() => [.. api.SentMessages.Where(m => m.ChatId == chatId)];

    /// <summary>The next message of the bot in this chat that contains the text; earlier ones are passed over.</summary>
    private async Task<FakeBotApi.SentMessage> NextContainingAsync(string expected)
    {
        var (message, index) = await api.WaitForAsync(a =>
        {
            var mine = Mine();
            for (var i = _seen; i < mine.Count; i++)
            {
                if (WebUtility.HtmlDecode(mine[i].Text).Contains(expected, StringComparison.Ordinal))
                {
                    return (mine[i], i);
                }
            }

            return ((FakeBotApi.SentMessage, int)?)null;
        });
        _seen = index + 1;
        return message;
    }
}
