using System.Globalization;

namespace ConvenerBot.Core.Text;

/// <summary>
/// A sentence for members, not yet in words: a key of the <see cref="MessageCatalog"/> and the values of
/// its placeholders. The words come from the catalog in the group's language when it is rendered.
/// </summary>
public sealed record Phrase(string Key, IReadOnlyList<KeyValuePair<string, object?>> Args)
{
    public static Phrase Of(string key, params (string Name, object? Value)[] args) =>
        new(key, [.. args.Select(a => KeyValuePair.Create(a.Name, a.Value))]);

    /// <summary>How a placeholder's value is written: numbers without grouping, other phrases rendered, a list as its items joined by spaces, the rest as text.</summary>
    internal static string Format(object? value, string? language, Func<Phrase, string> render) => value switch
    {
        null => "",
        string text => text,
        Phrase inner => render(inner),
        IRenderable renderable => renderable.Render(language ?? MessageCatalog.DefaultLanguage),
        IEnumerable<object> items => string.Join(' ', items.Select(item => Format(item, language, render))),
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>A placeholder value that is written differently by language (a list joined with "or").</summary>
public interface IRenderable
{
    string Render(string language);
}
