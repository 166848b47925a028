using System.Globalization;
using System.Text.RegularExpressions;
using ConvenerBot.Core.Conversations;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ConvenerBot.Telegram;

/// <summary>
/// Turns a Telegram message into the engine's terms. With group privacy mode on, the bot sees commands and
/// replies to itself: a command (also in the <c>/cmd@BotName</c> form) is passed on as text, and a plain
/// reply to one of our stage prompts is a contribution to that stage. Everything else is group chatter the
/// bot stays out of.
/// </summary>
internal static partial class UpdateTranslator
{
    public static Inbound? FromMessage(Message message, User bot, bool isAdministrator, int updateId)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(bot);
        if (message.Text is not { Length: > 0 } text || message.From is not { IsBot: false } from)
        {
            return null;
        }

        var inbound = new Inbound(
            TelegramSender.Conversation(message.Chat.Id),
            message.Chat.Title ?? DisplayName(from),
            Member(from),
            DisplayName(from),
            isAdministrator,
            text)
        {
            DeliveryId = updateId.ToString(CultureInfo.InvariantCulture),
        };

        if (text.StartsWith('/'))
        {
            var end = text.IndexOfAny([' ', '\n']);
            var head = end < 0 ? text[1..] : text[1..end];
            var at = head.IndexOf('@', StringComparison.Ordinal);
            return at < 0 || string.Equals(head[(at + 1)..], bot.Username, StringComparison.OrdinalIgnoreCase) ? inbound : null;
        }

        if (message.ReplyToMessage is { From.Id: var author, Text: { } prompt } && author == bot.Id && PromptHeader().Match(prompt) is { Success: true } header)
        {
            return inbound with
            {
                RepliedToStage = new StageRef(
                    int.Parse(header.Groups[1].ValueSpan, CultureInfo.InvariantCulture),
                    int.Parse(header.Groups[2].ValueSpan, CultureInfo.InvariantCulture)),
            };
        }

        return null;
    }

    public static Inbound FromButton(CallbackQuery query, StageButton button, bool isAdministrator, int updateId)
    {
        ArgumentNullException.ThrowIfNull(query);
        var chat = query.Message!.Chat;
        return new Inbound(TelegramSender.Conversation(chat.Id), chat.Title ?? DisplayName(query.From), Member(query.From), DisplayName(query.From), isAdministrator, "")
        {
            Button = button,
            DeliveryId = updateId.ToString(CultureInfo.InvariantCulture),
        };
    }

    public static bool IsGroup(Chat chat) => chat.Type is ChatType.Group or ChatType.Supergroup;

    private static MemberRef Member(User user) => new("telegram", user.Id.ToString(CultureInfo.InvariantCulture));

    private static string DisplayName(User user) =>
        string.Join(' ', new[] { user.FirstName, user.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } name
            ? name
            : user.Username ?? user.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The first line of every stage prompt we send: "Session 2 · stage 3 of 6: …".</summary>
    [GeneratedRegex(@"^Session ([0-9]{1,9}) · stage ([0-9]{1,3}) of [0-9]{1,3}:", RegexOptions.CultureInvariant)]
    private static partial Regex PromptHeader();
}
