using System.Text.Json;
using System.Text.RegularExpressions;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Protocols;

/// <summary>
/// Reads protocol files (<c>*.json</c>) and checks every field, so that a malformed file stops start-up
/// with a message naming the file and the field instead of failing in the middle of a session.
/// </summary>
public static partial class ProtocolLoader
{
    private static readonly Dictionary<string, ContributionKind> Kinds = new(StringComparer.Ordinal)
    {
        ["clarifying_question"] = ContributionKind.ClarifyingQuestion,
        ["open_question"] = ContributionKind.OpenQuestion,
        ["idea"] = ContributionKind.Idea,
        ["next_step"] = ContributionKind.NextStep,
        ["learning"] = ContributionKind.Learning,
    };

    private static readonly Dictionary<string, Contributors> Froms = new(StringComparer.Ordinal)
    {
        ["holder"] = Contributors.Holder,
        ["group"] = Contributors.Group,
        ["everyone"] = Contributors.Everyone,
    };

    public static ProtocolCatalog LoadDirectory(string directory, string defaultKey)
    {
        if (!Directory.Exists(directory))
        {
            throw new ProtocolFileException(directory, "(directory)", "the protocols directory does not exist");
        }

        var protocols = new List<Protocol>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var protocol = Parse(File.ReadAllText(file), file);
            if (protocols.Any(p => string.Equals(p.Key, protocol.Key, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ProtocolFileException(file, "key", $"'{protocol.Key}' is already used by another protocol file");
            }

            protocols.Add(protocol);
        }

        return new ProtocolCatalog(protocols, defaultKey);
    }

    public static Protocol Parse(string json, string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ProtocolFileException(file, "(json)", $"not valid JSON at line {ex.LineNumber + 1}: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind is not JsonValueKind.Object)
            {
                throw new ProtocolFileException(file, "(root)", "must be a JSON object");
            }

            var key = RequiredString(root, "key", file, "key");
            if (!KeyPattern().IsMatch(key))
            {
                throw new ProtocolFileException(file, "key", $"'{key}' must be lowercase letters, digits and dashes");
            }

            var name = RequiredString(root, "name", file, "name");
            var description = OptionalString(root, "description", file, "description") ?? "";
            if (!root.TryGetProperty("stages", out var stagesElement) || stagesElement.ValueKind is not JsonValueKind.Array || stagesElement.GetArrayLength() == 0)
            {
                throw new ProtocolFileException(file, "stages", "must be a non-empty array of stages");
            }

            var stages = new List<Stage>();
            var index = 0;
            foreach (var element in stagesElement.EnumerateArray())
            {
                var stage = ParseStage(element, file, $"stages[{index}]");
                if (stages.Any(s => s.Key == stage.Key))
                {
                    throw new ProtocolFileException(file, $"stages[{index}].key", $"'{stage.Key}' is used by an earlier stage");
                }

                stages.Add(stage);
                index++;
            }

            return new Protocol(key, name, description, stages);
        }
    }

    private static Stage ParseStage(JsonElement element, string file, string path)
    {
        if (element.ValueKind is not JsonValueKind.Object)
        {
            throw new ProtocolFileException(file, path, "must be an object");
        }

        var key = RequiredString(element, "key", file, $"{path}.key");
        if (!KeyPattern().IsMatch(key))
        {
            throw new ProtocolFileException(file, $"{path}.key", $"'{key}' must be lowercase letters, digits and dashes");
        }

        var title = RequiredString(element, "title", file, $"{path}.title");
        var prompt = RequiredString(element, "prompt", file, $"{path}.prompt");
        if (!element.TryGetProperty("minutes", out var minutesElement) || minutesElement.ValueKind is not JsonValueKind.Number
            || !minutesElement.TryGetInt32(out var minutes) || minutes is < 1 or > 240)
        {
            throw new ProtocolFileException(file, $"{path}.minutes", "must be a whole number of minutes from 1 to 240");
        }

        var collects = new List<Collect>();
        if (element.TryGetProperty("collects", out var collectsElement))
        {
            if (collectsElement.ValueKind is not JsonValueKind.Array)
            {
                throw new ProtocolFileException(file, $"{path}.collects", "must be an array (empty when the stage collects nothing)");
            }

            var i = 0;
            foreach (var item in collectsElement.EnumerateArray())
            {
                var itemPath = $"{path}.collects[{i}]";
                if (item.ValueKind is not JsonValueKind.Object)
                {
                    throw new ProtocolFileException(file, itemPath, "must be an object with 'kind' and 'from'");
                }

                var kindText = RequiredString(item, "kind", file, $"{itemPath}.kind");
                if (!Kinds.TryGetValue(kindText, out var kind))
                {
                    throw new ProtocolFileException(file, $"{itemPath}.kind", $"'{kindText}' is not one of {string.Join(", ", Kinds.Keys)}");
                }

                var fromText = RequiredString(item, "from", file, $"{itemPath}.from");
                if (!Froms.TryGetValue(fromText, out var from))
                {
                    throw new ProtocolFileException(file, $"{itemPath}.from", $"'{fromText}' is not one of {string.Join(", ", Froms.Keys)}");
                }

                if (collects.Any(c => c.Kind == kind))
                {
                    throw new ProtocolFileException(file, $"{itemPath}.kind", $"'{kindText}' is collected twice in this stage");
                }

                collects.Add(new Collect(kind, from));
                i++;
            }
        }

        if (collects.Any(c => c.Kind is ContributionKind.ClarifyingQuestion) && collects.Any(c => c.Kind is ContributionKind.OpenQuestion))
        {
            throw new ProtocolFileException(file, $"{path}.collects", "a stage collects either clarifying or open questions, not both (both arrive as /ask)");
        }

        return new Stage(key, title, prompt, minutes, collects);
    }

    private static string RequiredString(JsonElement element, string property, string file, string path) =>
        OptionalString(element, property, file, path) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new ProtocolFileException(file, path, "is required and must be a non-empty string");

    private static string? OptionalString(JsonElement element, string property, string file, string path)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind is JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind is JsonValueKind.String
            ? value.GetString()!.Trim()
            : throw new ProtocolFileException(file, path, "must be a string");
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();
}
