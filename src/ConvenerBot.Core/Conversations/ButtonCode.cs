using System.Globalization;
using System.Text.RegularExpressions;
using ConvenerBot.Core.Commands;

namespace ConvenerBot.Core.Conversations;

/// <summary>
/// The compact texts behind the other buttons: a contribution button under a stage prompt
/// (<c>c:ask:12:3</c>, opens a form where the platform has forms) and a page of a long listing
/// (<c>p:cases:2</c>). Like <see cref="StageButtonCode"/>, they come back as user input and are parsed strictly.
/// </summary>
public static partial class ButtonCode
{
    public const string CasesList = "cases";

    public static string Contribute(ContributionVerb verb, StageRef stage) =>
        string.Create(CultureInfo.InvariantCulture, $"c:{verb.ToString().ToLowerInvariant()}:{stage.SessionNumber}:{stage.StageNumber}");

    public static bool TryParseContribute(string? data, out ContributionVerb verb, out StageRef stage)
    {
        verb = default;
        stage = default;
        var match = data is null ? Match.Empty : ContributePattern().Match(data);
        if (!match.Success || !TryNumber(match.Groups[2].Value, out var session) || !TryNumber(match.Groups[3].Value, out var number))
        {
            return false;
        }

        verb = Enum.Parse<ContributionVerb>(match.Groups[1].Value, ignoreCase: true);
        stage = new StageRef(session, number);
        return true;
    }

    public static string Page(string list, int page) => string.Create(CultureInfo.InvariantCulture, $"p:{list}:{page}");

    public static bool TryParsePage(string? data, out string list, out int page)
    {
        list = "";
        page = 0;
        var match = data is null ? Match.Empty : PagePattern().Match(data);
        if (!match.Success || !TryNumber(match.Groups[2].Value, out page))
        {
            return false;
        }

        list = match.Groups[1].Value;
        return true;
    }

    private static bool TryNumber(string text, out int number) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= 1;

    [GeneratedRegex(@"^c:(ask|idea|step|learn):([0-9]{1,9}):([0-9]{1,3})\z", RegexOptions.CultureInvariant)]
    private static partial Regex ContributePattern();

    [GeneratedRegex(@"^p:(cases):([0-9]{1,6})\z", RegexOptions.CultureInvariant)]
    private static partial Regex PagePattern();
}
