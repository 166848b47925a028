using System.Globalization;
using System.Text.RegularExpressions;

namespace ConvenerBot.Core.Conversations;

/// <summary>
/// The compact text behind a stage button, e.g. <c>s:n:12:3</c> (next, session 12, stage 3; <c>a</c> starts
/// the session, <c>t</c> gives the stage more time): far below
/// Telegram's 64-byte callback data and Discord's 100-character custom id. It comes back as user input,
/// so it is parsed strictly.
/// </summary>
public static partial class StageButtonCode
{
    public static string Encode(StageAction action, StageRef stage) =>
        string.Create(CultureInfo.InvariantCulture, $"s:{Code(action)}:{stage.SessionNumber}:{stage.StageNumber}");

    public static bool TryParse(string? data, out StageButton button)
    {
        button = null!;
        var match = data is null ? Match.Empty : Pattern().Match(data);
        if (!match.Success
            || !int.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var session) || session < 1
            || !int.TryParse(match.Groups[3].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var stage) || stage < 1)
        {
            return false;
        }

        var action = match.Groups[1].Value switch
        {
            "n" => StageAction.Next,
            "b" => StageAction.Back,
            "x" => StageAction.ConfirmEnd,
            "a" => StageAction.Start,
            "t" => StageAction.Extend,
            _ => StageAction.End,
        };
        button = new StageButton(action, new StageRef(session, stage));
        return true;
    }

    private static string Code(StageAction action) => action switch
    {
        StageAction.Next => "n",
        StageAction.Back => "b",
        StageAction.ConfirmEnd => "x",
        StageAction.Start => "a",
        StageAction.Extend => "t",
        _ => "e",
    };

    [GeneratedRegex(@"^s:([nbexat]):([0-9]{1,9}):([0-9]{1,3})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
