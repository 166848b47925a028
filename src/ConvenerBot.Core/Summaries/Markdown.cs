using System.Text;

namespace ConvenerBot.Core.Summaries;

/// <summary>Escapes member text so it shows verbatim inside our CommonMark.</summary>
public static class Markdown
{
    private const string Special = "\\`*_{}[]()<>#+-.!|~>=&";

    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
