using System.Globalization;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Text;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ConvenerBot.Telegram;

/// <summary>
/// Turns a Telegram message into the engine's terms. With group privacy mode on, the bot sees commands and
/// replies to itself: a command (also in the <c>/cmd@BotName</c> form) is passed on as text, and a plain
/// reply to one of the bot's messages goes with that message's id, so the engine can tell whether it was a
/// stage prompt (the reply is then a contribution to that stage). Everything else is group chatter the bot
/// stays out of, and so are automatic forwards from a linked channel and posts on behalf of a channel.
/// </summary>
internal static class UpdateTranslator
{
    /// <summary>Telegram's own account: it authors automatic forwards from a linked channel.</summary>
    public const long TelegramServiceUserId = 777000;

    /// <summary>The member id of whoever writes as the group itself (an anonymous administrator); the same in every group.</summary>
    public const string AnonymousAdministratorId = "anonymous-admin";

    public static Inbound? FromMessage(Message message, User bot, int updateId)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(bot);
        if (message.Text is not { Length: > 0 } text || IsNoise(message))
        {
            return null;
        }

        var anonymous = IsAnonymousAdministrator(message);
        if (!anonymous && (message.From is not { IsBot: false } || message.SenderChat is not null))
        {
            return null;
        }

        var from = message.From!;
        // Telegram hides who it is; the name goes into the group's records, before any reply says a language.
        var name = anonymous ? MessageCatalog.Default.Render(MessageCatalog.DefaultLanguage, "telegram.anonymous-admin") : DisplayName(from);
        var inbound = new Inbound(
            TelegramSender.Conversation(message.Chat.Id),
            message.Chat.Title ?? name,
            anonymous ? new MemberRef("telegram", AnonymousAdministratorId) : Member(from),
            name,
            anonymous,
            text)
        {
            DeliveryId = updateId.ToString(CultureInfo.InvariantCulture),
            Kind = message.Chat.Type is ChatType.Private ? ConversationKind.Private : ConversationKind.Group,
            Handle = anonymous ? null : from.Username,
        };

        if (text.StartsWith('/'))
        {
            return IsOurs(text, bot) ? inbound with { Mentioned = Mentioned(message, text, bot) } : null;
        }

        // A message in a forum topic replies to the topic's first (service) message unless it replies to another.
        if (message.ReplyToMessage is { From.Id: var author, Text: not null, ForumTopicCreated: null } replied && author == bot.Id
            && !(message.IsTopicMessage && replied.Id == message.MessageThreadId))
        {
            return inbound with { RepliedToMessageId = replied.Id.ToString(CultureInfo.InvariantCulture) };
        }

        return null;
    }

    public static Inbound FromButton(CallbackQuery query, bool isAdministrator, int updateId)
    {
        ArgumentNullException.ThrowIfNull(query);
        var chat = query.Message!.Chat;
        return new Inbound(TelegramSender.Conversation(chat.Id), chat.Title ?? DisplayName(query.From), Member(query.From), DisplayName(query.From), isAdministrator, "")
        {
            DeliveryId = updateId.ToString(CultureInfo.InvariantCulture),
            Kind = chat.Type is ChatType.Private ? ConversationKind.Private : ConversationKind.Group,
            Handle = query.From.Username,
        };
    }

    public static bool IsGroup(Chat chat) => chat.Type is ChatType.Group or ChatType.Supergroup;

    /// <summary>An anonymous administrator writes as the group itself (Telegram shows the group as the sender).</summary>
    public static bool IsAnonymousAdministrator(Message message) =>
        message is { SenderChat.Id: var sender, Chat.Id: var chat } && sender == chat && IsGroup(message.Chat);

    /// <summary>Messages that are never a member speaking to the bot: automatic forwards from a linked channel.</summary>
    public static bool IsNoise(Message message) =>
        message.IsAutomaticForward || message.From?.Id == TelegramServiceUserId;

    /// <summary>A command without a bot name, or addressed to this bot (<c>/cmd@ThisBot</c>).</summary>
    public static bool IsOurs(string text, User bot)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(bot);
        var end = text.IndexOfAny([' ', '\n']);
        var head = end < 0 ? text[1..] : text[1..end];
        var at = head.IndexOf('@', StringComparison.Ordinal);
        return at < 0 || string.Equals(head[(at + 1)..], bot.Username, StringComparison.OrdinalIgnoreCase);
    }

    public static MemberRef Member(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new("telegram", user.Id.ToString(CultureInfo.InvariantCulture));
    }

    public static string DisplayName(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return string.Join(' ', new[] { user.FirstName, user.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } name
            ? name
            : user.Username ?? user.Id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The person a command points at: a mention with a user id (<c>text_mention</c>), else an @username
    /// (<c>mention</c>, only the handle is known), else the author of the message replied to. Bots, the
    /// group itself and the root message of a forum topic (which every topic message replies to) are no one.
    /// </summary>
    private static MemberMention? Mentioned(Message message, string text, User bot)
    {
        foreach (var entity in message.Entities ?? [])
        {
            if (entity.Type is MessageEntityType.TextMention && entity.User is { IsBot: false } user)
            {
                return new MemberMention(Member(user), user.Username, DisplayName(user));
            }

            if (entity.Type is MessageEntityType.Mention && entity.Offset >= 0 && entity.Length > 1 && entity.Offset + entity.Length <= text.Length)
            {
                var handle = text.Substring(entity.Offset + 1, entity.Length - 1);
                if (!string.Equals(handle, bot.Username, StringComparison.OrdinalIgnoreCase))
                {
                    return new MemberMention(null, handle, "@" + handle);
                }
            }
        }

        if (message.ReplyToMessage is { From: { IsBot: false } author, SenderChat: null, ForumTopicCreated: null } replied
            && author.Id != TelegramServiceUserId
            && !(message.IsTopicMessage && replied.Id == message.MessageThreadId))
        {
            return new MemberMention(Member(author), author.Username, DisplayName(author));
        }

        return null;
    }
}
