using System.Text;

namespace ConvenerBot.Core.Summaries;

/// <summary>Escapes member text so it shows verbatim inside our CommonMark, and no member can add markup or links.</summary>
public static class Markdown
{
    // Characters that start inline markup, HTML or entities anywhere in a line.
    private const string Inline = "\\`*_[]<>!|~&";

    /// <summary>Escapes one line of text placed after other text on its line (line breaks become spaces).</summary>
    public static string Escape(string text) => Escape(text, atLineStart: false);

    /// <summary>Escapes a line that starts a Markdown line, where list, heading and quote markers also count.</summary>
    public static string EscapeLine(string text) => Escape(text, atLineStart: true);

    private static string Escape(string text, bool atLineStart)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.ReplaceLineEndings(" ");
        var builder = new StringBuilder(line.Length + 8);
        var leading = atLineStart;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var escape = Inline.Contains(c, StringComparison.Ordinal)
                || (leading && c is '-' or '+' or '#' or '=' or '>')
                || (leading && c is '.' or ')' && i > 0 && char.IsAsciiDigit(line[i - 1]));
            if (escape)
            {
                builder.Append('\\');
            }

            builder.Append(c);
            leading = leading && (char.IsAsciiDigit(c) || c == ' ');
        }

        return builder.ToString();
    }
}
