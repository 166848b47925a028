using System.Globalization;

namespace ConvenerBot.Core.Scheduling;

/// <summary>Walks the tokens of a typed time for the grammar's rules; each read moves on only when it matches.</summary>
internal sealed class WhenCursor(string text, IReadOnlyList<WhenToken> tokens)
{
    public int Position { get; set; }

    public bool AtEnd => Position >= tokens.Count;

    /// <summary>A number of <paramref name="minDigits"/> to <paramref name="maxDigits"/> digits.</summary>
    public long? Number(int minDigits, int maxDigits)
    {
        if (AtEnd || tokens[Position] is not { Kind: WhenTokenKind.Number } token || token.Text.Length < minDigits || token.Text.Length > maxDigits)
        {
            return null;
        }

        Position++;
        return long.Parse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>The sign <paramref name="sign"/>.</summary>
    public bool Sign(char sign)
    {
        if (AtEnd || tokens[Position] is not { Kind: WhenTokenKind.Sign } token || token.Text[0] != sign)
        {
            return false;
        }

        Position++;
        return true;
    }

    /// <summary>The longest of the phrases (each one or more words or signs) that the next tokens spell.</summary>
    public bool Phrase(IEnumerable<string> phrases) => Longest(phrases) is { } found && Take(found);

    /// <summary>The value of the longest key of <paramref name="table"/> that the next tokens spell.</summary>
    public bool Lookup<T>(IReadOnlyDictionary<string, T> table, out T value)
    {
        if (Longest(table.Keys) is { } found)
        {
            value = table[found.Phrase];
            return Take(found);
        }

        value = default!;
        return false;
    }

    /// <summary>The text as typed from the token at <paramref name="from"/> to the last one read.</summary>
    public string Typed(int from)
    {
        if (from >= Position)
        {
            return "";
        }

        var end = tokens[Position - 1].Start + tokens[Position - 1].Length;
        return text[tokens[from].Start..end];
    }

    private bool Take((string Phrase, int Count) found)
    {
        Position += found.Count;
        return true;
    }

    private (string Phrase, int Count)? Longest(IEnumerable<string> phrases)
    {
        (string Phrase, int Count)? best = null;
        foreach (var phrase in phrases)
        {
            var words = phrase.Split(' ');
            if (words.Length > (best?.Count ?? 0) && Spells(words))
            {
                best = (phrase, words.Length);
            }
        }

        return best;
    }

    private bool Spells(string[] words)
    {
        if (Position + words.Length > tokens.Count)
        {
            return false;
        }

        for (var i = 0; i < words.Length; i++)
        {
            if (tokens[Position + i] is { Kind: WhenTokenKind.Number } || tokens[Position + i].Text != words[i])
            {
                return false;
            }
        }

        return true;
    }
}
