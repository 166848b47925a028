using System.Globalization;

namespace ConvenerBot.Core.Scheduling;

/// <summary>Cuts a typed time into <see cref="WhenToken"/>s; blanks only separate them.</summary>
internal static class WhenTokenizer
{
    public static List<WhenToken> Read(string text)
    {
        var tokens = new List<WhenToken>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                tokens.Add(new(WhenTokenKind.Number, text[start..i], start, i - start));
            }
            else if (IsLetter(c))
            {
                while (i < text.Length && (IsLetter(text[i]) || text[i] is '.' or '\'' or '’' && IsLetter(text[i - 1])))
                {
                    i++;
                }

                tokens.Add(new(WhenTokenKind.Word, text[start..i].ToLowerInvariant().TrimEnd('.'), start, i - start));
            }
            else
            {
                i += char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                tokens.Add(new(WhenTokenKind.Sign, text[start..i], start, i - start));
            }
        }

        return tokens;
    }

    private static bool IsLetter(char c) =>
        char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
