using System.Globalization;
using System.Text;

namespace ConvenerBot.Core.Text;

/// <summary>Checks free text from members before anything is stored.</summary>
public static class UserText
{
    public const int MaxLength = 4000;

    /// <summary>
    /// Returns the text trimmed with line breaks normalised to <c>\n</c>, or throws a rule exception that
    /// says what is wrong: empty, too long, control characters, or broken Unicode.
    /// </summary>
    public static string Require(string? text, string what)
    {
        var value = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (value.Length == 0)
        {
            throw new ConvenerRuleException($"The {what} is empty. Write it after the command.");
        }

        if (value.Length > MaxLength)
        {
            throw new ConvenerRuleException($"The {what} is {value.Length} characters long; the limit is {MaxLength}. Please shorten it.");
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                throw new ConvenerRuleException($"The {what} contains broken Unicode (a lone surrogate at position {i + 1}). Please retype it.");
            }

            if (char.IsControl(c) && c is not '\n' and not '\t')
            {
                throw new ConvenerRuleException(
                    $"The {what} contains an invisible control character (U+{(int)c:X4}) at position {i + 1}. Please remove it.");
            }
        }

        return value.Normalize(NormalizationForm.FormC);
    }

    /// <summary>Shortens text for one-line listings, on a character boundary.</summary>
    public static string Shorten(string text, int max)
    {
        var line = new string([.. text.ReplaceLineEndings(" ").Select(c => char.IsControl(c) ? '\uFFFD' : c)]);
        if (line.Length <= max)
        {
            return line;
        }

        var info = new StringInfo(line);
        var cut = info.LengthInTextElements > max ? info.SubstringByTextElements(0, max) : line;
        return cut.TrimEnd() + "…";
    }

    /// <summary>Removes control characters and lone surrogates (names and titles from platforms).</summary>
    public static string Clean(string? text)
    {
        var value = text ?? "";
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
            }
            else if (!char.IsControl(c) && !char.IsSurrogate(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Names from platforms are user input too: no control characters, at most 64 characters, never empty.</summary>
    public static string CleanName(string? name, string fallback)
    {
        var clean = Clean(name).Trim();
        if (clean.Length > 64)
        {
            clean = new StringInfo(clean).SubstringByTextElements(0, Math.Min(64, new StringInfo(clean).LengthInTextElements)).TrimEnd();
            clean = clean.Length > 64 ? clean[..64] : clean;
        }

        return clean.Length == 0 ? fallback : clean;
    }
}
