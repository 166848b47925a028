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
    /// <param name="what">What the text is, as a noun in a sentence ("The {what} is empty"): a <c>noun.*</c> phrase.</param>
    public static string Require(string? text, Phrase what)
    {
        var value = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (value.Length == 0)
        {
            throw new ConvenerRuleException("rule.text.empty", ("what", what));
        }

        if (value.Length > MaxLength)
        {
            throw new ConvenerRuleException("rule.text.too-long", ("what", what), ("length", value.Length), ("max", MaxLength));
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, value[++i]);
                if (IsNoncharacter(codePoint))
                {
                    throw NotText(what, codePoint, i);
                }

                continue;
            }

            if (IsNoncharacter(c))
            {
                throw NotText(what, c, i + 1);
            }

            if (char.IsSurrogate(c))
            {
                throw new ConvenerRuleException("rule.text.lone-surrogate", ("what", what), ("position", i + 1));
            }

            if (char.IsControl(c) && c is not '\n' and not '\t')
            {
                throw new ConvenerRuleException("rule.text.control", ("what", what), ("code", CodePoint(c)), ("position", i + 1));
            }
        }

        try
        {
            return value.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Whatever else Unicode normalization rejects is not text either.
            throw new ConvenerRuleException("rule.text.not-text", ("what", what));
        }
    }

    private static ConvenerRuleException NotText(Phrase what, int codePoint, int position) =>
        new("rule.text.noncharacter", ("what", what), ("code", CodePoint(codePoint)), ("position", position));

    /// <summary>A code point as written after U+: four or more hex digits.</summary>
    private static string CodePoint(int codePoint) => codePoint.ToString("X4", CultureInfo.InvariantCulture);

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

    /// <summary>Removes control characters, noncharacters and lone surrogates (names and titles from platforms).</summary>
    public static string Clean(string? text)
    {
        var value = text ?? "";
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (!IsNoncharacter(char.ConvertToUtf32(c, value[i + 1])))
                {
                    builder.Append(c).Append(value[i + 1]);
                }

                i++;
            }
            else if (!char.IsControl(c) && !char.IsSurrogate(c) && !IsNoncharacter(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Unicode's noncharacters (U+FDD0–U+FDEF and the last two code points of every plane): never text.</summary>
    public static bool IsNoncharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    /// <summary>
    /// Names from platforms are user input too: no control characters or noncharacters, at most 64 UTF-16
    /// units, cut between text elements (an emoji or a letter with its accents is never split), never empty.
    /// </summary>
    public static string CleanName(string? name, string fallback)
    {
        var clean = Cut(Clean(name).Trim(), 64).TrimEnd();
        return clean.Length == 0 ? fallback : clean;
    }

    /// <summary>
    /// The longest start of <paramref name="text"/> that fits in <paramref name="maxUnits"/> UTF-16 units
    /// without splitting a text element (a grapheme cluster): platforms count limits in UTF-16 units, and a
    /// cut inside a surrogate pair leaves text that databases and platforms refuse.
    /// </summary>
    public static string Cut(string text, int maxUnits)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxUnits)
        {
            return text;
        }

        var length = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var next = elements.ElementIndex + ((string)elements.Current).Length;
            if (next > maxUnits)
            {
                break;
            }

            length = next;
        }

        return text[..length];
    }

    /// <summary>A platform username as stored: without a leading @, in lower case, or null when there is none.</summary>
    public static string? CleanHandle(string? handle)
    {
        var clean = Clean(handle).Trim().TrimStart('@');
        return clean.Length is 0 or > 64 || clean.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_') ? null : clean.ToLowerInvariant();
    }
}
