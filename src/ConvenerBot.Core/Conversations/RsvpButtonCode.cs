using System.Globalization;
using System.Text.RegularExpressions;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Conversations;

/// <summary>
/// The compact text behind an answer button under a session's card or reminder, e.g. <c>r:going:12</c>
/// (going to session 12). Like <see cref="StageButtonCode"/>, it comes back as user input and is parsed strictly.
/// A press becomes the same <see cref="RsvpCommand"/> as <c>/rsvp 12 going</c>, built through
/// <see cref="CommandTable.Bind"/>.
/// </summary>
public static partial class RsvpButtonCode
{
    /// <summary>The answers offered as buttons, in the order they are shown.</summary>
    public static IReadOnlyList<RsvpAnswer> Answers { get; } = [RsvpAnswer.Going, RsvpAnswer.Maybe, RsvpAnswer.No, RsvpAnswer.Case];

    public static string Encode(RsvpAnswer answer, int session) =>
        string.Create(CultureInfo.InvariantCulture, $"r:{Word(answer)}:{session}");

    public static bool TryParse(string? data, out RsvpAnswer answer, out int session)
    {
        answer = default;
        session = 0;
        var match = data is null ? Match.Empty : Pattern().Match(data);
        if (!match.Success || !int.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out session) || session < 1)
        {
            return false;
        }

        answer = CommandTable.AnswerOf(match.Groups[1].Value);
        return true;
    }

    /// <summary>The command a press (and, for a case, the title given in a form) stands for, checked as typed text is.</summary>
    public static ParseResult Bind(RsvpAnswer answer, int session, string? caseTitle = null)
    {
        var descriptor = CommandTable.ForType(typeof(RsvpCommand))!;
        var raw = new Dictionary<string, object>(StringComparer.Ordinal) { ["id"] = session, ["answer"] = Word(answer) };
        if (caseTitle is not null)
        {
            raw["title"] = caseTitle;
        }

        return CommandTable.Bind(descriptor, raw, UsageStyle.Slash);
    }

    private static string Word(RsvpAnswer answer) => answer switch
    {
        RsvpAnswer.Going => "going",
        RsvpAnswer.Maybe => "maybe",
        RsvpAnswer.Case => "case",
        _ => "no",
    };

    [GeneratedRegex(@"^r:(going|maybe|no|case):([0-9]{1,9})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
