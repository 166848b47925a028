using ConvenerBot.Core.Text;
using System.Text;
using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Discord;

/// <summary>
/// Renders outbound messages for Discord: plain member text is escaped for Discord's markdown, our own
/// Markdown (summaries) is passed on, and long text is split at line boundaries under 2,000 characters.
/// </summary>
internal static partial class DiscordText
{
    public const int MaxLength = 2000;
    /// <summary>
    /// Discord's markdown honours a backslash before any punctuation, like CommonMark, so the engine's
    /// CommonMark escaping (inline markup, and list, heading and quote markers at line start) serves here.
    /// </summary>
    public static string Escape(string line)
    {
        // Timestamp tokens stay whole; only the text around them is escaped, block markers only at line start.
        var escaped = new StringBuilder();
        var at = 0;
        foreach (var match in TimestampPattern().EnumerateMatches(line))
        {
            escaped.Append(EscapePart(line[at..match.Index], at == 0)).Append(line.AsSpan(match.Index, match.Length));
            at = match.Index + match.Length;
        }

        return escaped.Append(EscapePart(line[at..], at == 0)).ToString();
    }

    private static string EscapePart(string text, bool atLineStart) =>
        atLineStart ? Core.Summaries.Markdown.EscapeLine(text) : Core.Summaries.Markdown.Escape(text);

    /// <summary>A Discord timestamp: every reader sees the instant in their own time zone.</summary>
    public static string Timestamp(DateTimeOffset instant) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"<t:{instant.ToUnixTimeSeconds()}:F>");

    [System.Text.RegularExpressions.GeneratedRegex("<t:-?[0-9]{1,12}:[tTdDfFR]>")]
    private static partial System.Text.RegularExpressions.Regex TimestampPattern();

    public static IReadOnlyList<string> Render(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.Format is MessageFormat.Markdown
            ? message.Text.TrimEnd('\n')
            : string.Join('\n', message.Text.Split('\n').Select((line, i) => i == 0 && message.Stage is not null ? $"**{Escape(line)}**" : Escape(line)));
        return Split(text);
    }

    private static List<string> Split(string text)
    {
        var chunks = MessageSplitter.Pack(text.Split('\n'), MaxLength, line => line.Length, line => MessageSplitter.Pieces(line, MaxLength));
        return chunks.Count == 0 ? ["."] : chunks;
    }
}
