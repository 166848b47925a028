using System.Text;

namespace ConvenerBot.Core.Text;

/// <summary>
/// Splits a message into pieces a platform accepts: whole lines where they fit, a line that is too long
/// on its own cut between text elements (an emoji or an accented letter is never split). Shared by the
/// adapters, which differ only in how they measure a line and how they cut a long one.
/// </summary>
public static class MessageSplitter
{
    /// <summary>Joins lines with <c>\n</c> into chunks of at most <paramref name="maxLength"/> as <paramref name="measure"/> counts.</summary>
    /// <param name="cutLong">How a line longer than the limit on its own is cut into pieces that fit.</param>
    public static List<string> Pack(IEnumerable<string> lines, int maxLength, Func<string, int> measure, Func<string, IEnumerable<string>> cutLong)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(cutLong);
        var chunks = new List<string>();
        var current = new StringBuilder();
        var currentLength = 0;
        foreach (var raw in lines)
        {
            foreach (var line in measure(raw) > maxLength ? cutLong(raw) : [raw])
            {
                var length = measure(line);
                if (current.Length > 0 && currentLength + 1 + length > maxLength)
                {
                    chunks.Add(current.ToString());
                    current.Clear();
                    currentLength = 0;
                }

                if (current.Length > 0)
                {
                    current.Append('\n');
                    currentLength++;
                }

                current.Append(line);
                currentLength += length;
            }
        }

        if (current.Length > 0)
        {
            chunks.Add(current.ToString());
        }

        return chunks;
    }

    /// <summary>Cuts text into pieces of at most <paramref name="maxUnits"/> UTF-16 units, between text elements.</summary>
    public static IEnumerable<string> Pieces(string text, int maxUnits)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text;
        while (rest.Length > 0)
        {
            var piece = UserText.Cut(rest, maxUnits);
            if (piece.Length == 0)
            {
                // A single text element longer than the limit (a pathological run of combining marks): cut it by code points.
                piece = rest[..(char.IsHighSurrogate(rest[maxUnits - 1]) ? maxUnits - 1 : maxUnits)];
            }

            yield return piece;
            rest = rest[piece.Length..];
        }
    }
}
