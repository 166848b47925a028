using ConvenerBot.Core.Text;
using System.Net;
using System.Text;
using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Telegram;

/// <summary>
/// Renders outbound messages in Telegram's HTML parse mode. Member text is always escaped, so nobody can
/// inject markup or links; our own Markdown (summaries) is translated from the small subset we write.
/// Messages longer than Telegram's 4,096 characters are split at line boundaries.
/// </summary>
internal static class TelegramHtml
{
    public const int MaxLength = 4096;

    public static IReadOnlyList<string> Render(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var lines = message.Format is MessageFormat.Markdown
            ? message.Text.TrimEnd('\n').Split('\n').Select(FromMarkdownLine)
            : message.Text.Split('\n').Select((line, i) => i == 0 && message.Stage is not null ? $"<b>{Escape(line)}</b>" : Escape(line));
        return Split(lines.ToList());
    }

    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>The length Telegram counts: the text without tags, each entity one character.</summary>
    public static int VisibleLength(string html)
    {
        var length = 0;
        var inTag = false;
        for (var i = 0; i < html.Length; i++)
        {
            var c = html[i];
            if (inTag)
            {
                inTag = c != '>';
            }
            else if (c == '<')
            {
                inTag = true;
            }
            else if (c == '&')
            {
                var end = html.IndexOf(';', i);
                i = end < 0 ? i : end;
                length++;
            }
            else
            {
                length++;
            }
        }

        return length;
    }

    private static List<string> Split(List<string> lines) =>
        MessageSplitter.Pack(lines, MaxLength, VisibleLength, HardSplit).Where(c => VisibleLength(c) > 0).DefaultIfEmpty(".").ToList();

    /// <summary>A single line too long for one message loses its formatting and is cut into plain pieces.</summary>
    private static IEnumerable<string> HardSplit(string html)
    {
        foreach (var piece in MessageSplitter.Pieces(WebUtility.HtmlDecode(StripTags(html)), MaxLength))
        {
            yield return Escape(piece);
        }
    }

    private static string StripTags(string html)
    {
        var text = new StringBuilder(html.Length);
        var inTag = false;
        foreach (var c in html)
        {
            if (c == '<')
            {
                inTag = true;
            }
            else if (c == '>' && inTag)
            {
                inTag = false;
            }
            else if (!inTag)
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private static string FromMarkdownLine(string line)
    {
        line = line.TrimEnd();
        if (line.StartsWith("# ", StringComparison.Ordinal) || line.StartsWith("## ", StringComparison.Ordinal))
        {
            return "<b>" + Inline(line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..]) + "</b>";
        }

        return line.StartsWith("- ", StringComparison.Ordinal) ? "• " + Inline(line[2..]) : Inline(line);
    }

    /// <summary>Our Markdown subset: backslash escapes, **bold** and _italic_; everything else is text.</summary>
    private static string Inline(string text)
    {
        var html = new StringBuilder(text.Length + 16);
        bool bold = false, italic = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                html.Append(Escape(text[++i].ToString()));
            }
            else if (c == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                html.Append(bold ? "</b>" : "<b>");
                bold = !bold;
                i++;
            }
            else if (c == '_')
            {
                html.Append(italic ? "</i>" : "<i>");
                italic = !italic;
            }
            else
            {
                html.Append(Escape(c.ToString()));
            }
        }

        if (italic)
        {
            html.Append("</i>");
        }

        if (bold)
        {
            html.Append("</b>");
        }

        return html.ToString();
    }
}
