using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ConvenerBot.Telegram.Tests.Fake;

/// <summary>
/// Telegram's HTML parse mode, reduced to what decides acceptance and the resulting plain text:
/// the supported tags, their nesting, and the HTML entities Telegram decodes.
/// Error descriptions follow the real server's wording.
/// </summary>
internal static partial class HtmlEntityParser
{
    private static readonly HashSet<string> SupportedTags =
    [
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler", "blockquote", "span",
    ];

    /// <summary>Parses <paramref name="html"/>; on failure <paramref name="error"/> holds the reason after "can't parse entities: ".</summary>
    public static bool TryParse(string html, out string text, out string? error)
    {
        var output = new StringBuilder(html.Length);
        var open = new Stack<string>();
        var i = 0;
        text = string.Empty;
        while (i < html.Length)
        {
            if (html[i] == '&')
            {
                if (!TryDecodeEntity(html, ref i, output))
                {
                    output.Append('&');
                    i++;
                }

                continue;
            }

            if (html[i] != '<')
            {
                output.Append(html[i++]);
                continue;
            }

            var begin = i++;
            error = i < html.Length && html[i] == '/'
                ? ReadEndTag(html, begin, ref i, open)
                : ReadStartTag(html, begin, ref i, open);
            if (error is not null)
            {
                return false;
            }
        }

        if (open.Count > 0)
        {
            error = $"Can't find end tag corresponding to start tag \"{open.Peek()}\"";
            return false;
        }

        text = output.ToString();
        error = null;
        return true;
    }

    private static string? ReadStartTag(string html, int begin, ref int i, Stack<string> open)
    {
        while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] != '>')
        {
            i++;
        }

        if (i >= html.Length)
        {
            return $"Unclosed start tag at byte offset {ByteOffset(html, begin)}";
        }

        var tag = html[(begin + 1)..i].ToLowerInvariant();
        if (!SupportedTags.Contains(tag))
        {
            return $"Unsupported start tag \"{tag}\" at byte offset {ByteOffset(html, begin)}";
        }

        var attributes = Attributes().Match(html, i);
        if (!attributes.Success)
        {
            return $"Unclosed start tag at byte offset {ByteOffset(html, begin)}";
        }

        i = attributes.Index + attributes.Length;
        var names = attributes.Groups["name"].Captures;
        var values = attributes.Groups["value"].Captures;
        var spanClass = Enumerable.Range(0, names.Count)
            .Where(n => string.Equals(names[n].Value, "class", StringComparison.OrdinalIgnoreCase))
            .Select(n => values[n].Value.Trim('"', '\''))
            .LastOrDefault();
        if (tag == "span" && spanClass != "tg-spoiler")
        {
            return "Tag \"span\" must have class \"tg-spoiler\"";
        }

        open.Push(tag);
        return null;
    }

    private static string? ReadEndTag(string html, int begin, ref int i, Stack<string> open)
    {
        if (open.Count == 0)
        {
            return $"Unexpected end tag at byte offset {ByteOffset(html, begin)}";
        }

        i++;
        var nameStart = i;
        while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] != '>')
        {
            i++;
        }

        var name = html[nameStart..i];
        while (i < html.Length && char.IsWhiteSpace(html[i]))
        {
            i++;
        }

        if (i >= html.Length || html[i] != '>')
        {
            return $"Unclosed end tag at byte offset {ByteOffset(html, begin)}";
        }

        var expected = open.Peek();
        if (name.Length > 0 && !string.Equals(name, expected, StringComparison.OrdinalIgnoreCase))
        {
            return $"Unmatched end tag at byte offset {ByteOffset(html, begin)}, expected \"</{expected}>\", found \"</{name}>\"";
        }

        open.Pop();
        i++;
        return null;
    }

    private static bool TryDecodeEntity(string html, ref int i, StringBuilder output)
    {
        var end = html.IndexOf(';', i + 1);
        if (end < 0 || end - i > 10)
        {
            return false;
        }

        var name = html[(i + 1)..end];
        string? decoded = name switch
        {
            "lt" => "<",
            "gt" => ">",
            "amp" => "&",
            "quot" => "\"",
            _ => null,
        };
        if (decoded is null && name.Length > 1 && name[0] == '#')
        {
            var isHex = name[1] is 'x' or 'X';
            var digits = isHex ? name[2..] : name[1..];
            var style = isHex ? NumberStyles.AllowHexSpecifier : NumberStyles.None;
            if (int.TryParse(digits, style, CultureInfo.InvariantCulture, out var code) && code is > 0 and <= 0x10FFFF && code is < 0xD800 or > 0xDFFF)
            {
                decoded = char.ConvertFromUtf32(code);
            }
        }

        if (decoded is null)
        {
            return false;
        }

        output.Append(decoded);
        i = end + 1;
        return true;
    }

    [GeneratedRegex("""\G(?:\s+(?<name>[^\s=>]+)\s*=\s*(?<value>"[^"]*"|'[^']*'|[\w.-]*))*\s*>""")]
    private static partial Regex Attributes();

    private static int ByteOffset(string html, int index) => Encoding.UTF8.GetByteCount(html.AsSpan(0, index));
}
