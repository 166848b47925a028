using System.Reflection;
using System.Text;
using System.Text.Json;

namespace ConvenerBot.Core.Text;

/// <summary>
/// Every sentence ConvenerBot says, by key and language. Each language is JSON embedded in this assembly
/// (<c>Text/Messages/en.json</c>, and parts such as <c>en.platforms.json</c>): a flat object from key to template, where <c>{name}</c> is a
/// placeholder and <c>{{</c>, <c>}}</c> are literal braces. The catalog is checked when it is loaded:
/// every template must be well formed, every key of another language must exist in English with the
/// same placeholders. A key missing in a language falls back to English.
/// </summary>
/// <remarks>
/// Values are put into a template once and never read as templates themselves, so whatever a member
/// typed stays text.
/// </remarks>
public sealed class MessageCatalog
{
    public const string DefaultLanguage = "en";

    private readonly Dictionary<string, Dictionary<string, Template>> languages;

    private MessageCatalog(Dictionary<string, Dictionary<string, Template>> languages) => this.languages = languages;

    /// <summary>The catalog embedded in ConvenerBot.Core, loaded and checked on first use.</summary>
    public static MessageCatalog Default => Lazy.Value;

    private static readonly Lazy<MessageCatalog> Lazy = new(() => Load(typeof(MessageCatalog).Assembly));

    public IReadOnlyCollection<string> Languages => languages.Keys;

    /// <summary>The English keys: every sentence there is.</summary>
    public IReadOnlyCollection<string> Keys => languages[DefaultLanguage].Keys;

    public bool Has(string key) => languages[DefaultLanguage].ContainsKey(key);

    /// <summary>The placeholders a key's English template uses.</summary>
    public IReadOnlyCollection<string> PlaceholdersOf(string key) => languages[DefaultLanguage][key].Placeholders;

    public string Render(string? language, Phrase phrase)
    {
        var template = Find(language, phrase.Key);
        return template.Render(phrase.Args, language, inner => Render(language, inner));
    }

    public string Render(string? language, string key, params (string Name, object? Value)[] args) => Render(language, Phrase.Of(key, args));

    private Template Find(string? language, string key)
    {
        if (language is not null && languages.TryGetValue(language, out var own) && own.TryGetValue(key, out var found))
        {
            return found;
        }

        return languages[DefaultLanguage].TryGetValue(key, out var english)
            ? english
            : throw new KeyNotFoundException($"The message catalog has no key '{key}'.");
    }

    /// <summary>Loads every <c>Messages/*.json</c> resource of an assembly and checks it (see the class remarks).</summary>
    internal static MessageCatalog Load(Assembly assembly)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Messages.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            // Messages/en.json and Messages/en.platforms.json are both English: a language may be split in parts.
            var file = name[(name.IndexOf(".Messages.", StringComparison.Ordinal) + ".Messages.".Length)..^".json".Length];
            var language = file.Split('.')[0];
            files[language] = files.TryGetValue(language, out var earlier) ? Merge(language, earlier, reader.ReadToEnd()) : reader.ReadToEnd();
        }

        return Parse(files);
    }

    /// <summary>Two parts of one language's catalog as one JSON object; a key in both is an error.</summary>
    private static string Merge(string language, string first, string second)
    {
        using var a = ParseJson(language, first);
        using var b = ParseJson(language, second);
        if (a.RootElement.ValueKind is not JsonValueKind.Object || b.RootElement.ValueKind is not JsonValueKind.Object)
        {
            throw new InvalidDataException($"Message catalog '{language}': each file must hold one JSON object of key to text.");
        }

        var merged = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in a.RootElement.EnumerateObject().Concat(b.RootElement.EnumerateObject()))
        {
            if (!merged.TryAdd(property.Name, property.Value.Clone()))
            {
                throw new InvalidDataException($"Message catalog '{language}': '{property.Name}' is given in two files.");
            }
        }

        return JsonSerializer.Serialize(merged);
    }

    /// <summary>Builds a catalog from JSON texts by language, or throws <see cref="InvalidDataException"/> saying what is wrong.</summary>
    internal static MessageCatalog Parse(IReadOnlyDictionary<string, string> jsonByLanguage)
    {
        if (!jsonByLanguage.ContainsKey(DefaultLanguage))
        {
            throw new InvalidDataException("The message catalog has no English (en) file.");
        }

        var languages = new Dictionary<string, Dictionary<string, Template>>(StringComparer.Ordinal);
        foreach (var (language, json) in jsonByLanguage)
        {
            var entries = new Dictionary<string, Template>(StringComparer.Ordinal);
            using var document = ParseJson(language, json);
            if (document.RootElement.ValueKind is not JsonValueKind.Object)
            {
                throw new InvalidDataException($"Message catalog '{language}': the file must hold one JSON object of key to text.");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind is not JsonValueKind.String)
                {
                    throw new InvalidDataException($"Message catalog '{language}': '{property.Name}' is not a text.");
                }

                if (!entries.TryAdd(property.Name, Template.Parse(language, property.Name, property.Value.GetString()!)))
                {
                    throw new InvalidDataException($"Message catalog '{language}': '{property.Name}' is given twice.");
                }
            }

            languages[language] = entries;
        }

        var english = languages[DefaultLanguage];
        foreach (var (language, entries) in languages.Where(l => l.Key != DefaultLanguage))
        {
            foreach (var (key, template) in entries)
            {
                if (!english.TryGetValue(key, out var original))
                {
                    throw new InvalidDataException($"Message catalog '{language}': '{key}' is not an English key.");
                }

                if (!original.Placeholders.SetEquals(template.Placeholders))
                {
                    throw new InvalidDataException(
                        $"Message catalog '{language}': '{key}' has placeholders {{{string.Join("}, {", template.Placeholders.Order())}}}, English has {{{string.Join("}, {", original.Placeholders.Order())}}}.");
                }
            }
        }

        return new MessageCatalog(languages);
    }

    private static JsonDocument ParseJson(string language, string json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Message catalog '{language}' is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>A template split once into literal text and placeholders.</summary>
    private sealed class Template
    {
        private readonly List<(string Text, bool IsPlaceholder)> parts;

        private Template(List<(string, bool)> parts)
        {
            this.parts = parts;
            Placeholders = [.. parts.Where(p => p.Item2).Select(p => p.Item1)];
        }

        public HashSet<string> Placeholders { get; }

        public static Template Parse(string language, string key, string text)
        {
            var parts = new List<(string, bool)>();
            var literal = new StringBuilder();
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '{' && i + 1 < text.Length && text[i + 1] == '{' || c == '}' && i + 1 < text.Length && text[i + 1] == '}')
                {
                    literal.Append(c);
                    i++;
                }
                else if (c == '{')
                {
                    var end = text.IndexOf('}', i + 1);
                    var name = end < 0 ? "" : text[(i + 1)..end];
                    if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
                    {
                        throw new InvalidDataException($"Message catalog '{language}': '{key}' has a malformed placeholder at {i}; write {{name}}, or {{{{ for a brace.");
                    }

                    parts.Add((literal.ToString(), false));
                    literal.Clear();
                    parts.Add((name, true));
                    i = end;
                }
                else if (c == '}')
                {
                    throw new InvalidDataException($"Message catalog '{language}': '{key}' has a lone }} at {i}; write }}}} for a brace.");
                }
                else
                {
                    literal.Append(c);
                }
            }

            parts.Add((literal.ToString(), false));
            return new Template(parts);
        }

        public string Render(IReadOnlyList<KeyValuePair<string, object?>> args, string? language, Func<Phrase, string> render)
        {
            var text = new StringBuilder();
            foreach (var (part, isPlaceholder) in parts)
            {
                if (!isPlaceholder)
                {
                    text.Append(part);
                    continue;
                }

                var found = false;
                foreach (var arg in args)
                {
                    if (arg.Key == part)
                    {
                        text.Append(Phrase.Format(arg.Value, language, render));
                        found = true;
                        break;
                    }
                }

                if (!found)
                {
                    throw new ArgumentException($"No value was given for {{{part}}}.", nameof(args));
                }
            }

            return text.ToString();
        }
    }
}
