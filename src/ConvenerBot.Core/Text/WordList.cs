namespace ConvenerBot.Core.Text;

/// <summary>
/// Items joined as a list in a sentence, in the language it is rendered in: "a, b and c" or "a, b or c"
/// (<c>list.and</c>, <c>list.or</c>). The items are text and are never read as templates.
/// </summary>
public sealed class WordList : IRenderable
{
    private readonly IReadOnlyList<string> items;
    private readonly string key;

    private WordList(IReadOnlyList<string> items, string key)
    {
        this.items = items;
        this.key = key;
    }

    public static WordList And(IReadOnlyList<string> items) => new(items, "list.and");

    public static WordList Or(IReadOnlyList<string> items) => new(items, "list.or");

    public string Render(string language) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => MessageCatalog.Default.Render(language, key, ("items", string.Join(", ", items.Take(items.Count - 1))), ("last", items[^1])),
    };
}
