using System.Text.Json;

namespace ConvenerBot.Discord;

/// <summary>
/// Reads fields of a signed interaction strictly: a field of the wrong kind, a required field that is
/// missing, or a string that is not valid Unicode (a lone surrogate escape) is a malformed interaction,
/// never an exception further in.
/// </summary>
internal static class InteractionJson
{
    public static JsonElement? Object(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind is JsonValueKind.Object ? value : throw new MalformedInteractionException($"{path}.{name} is not an object");
    }

    public static JsonElement RequiredObject(JsonElement parent, string name, string path) =>
        Object(parent, name, path) ?? throw new MalformedInteractionException($"{path}.{name} is missing");

    public static JsonElement? Array(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind is JsonValueKind.Array ? value : throw new MalformedInteractionException($"{path}.{name} is not an array");
    }

    public static string? String(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var value) ? StringValue(value, $"{path}.{name}") : null;

    public static string RequiredString(JsonElement parent, string name, string path) =>
        String(parent, name, path) ?? throw new MalformedInteractionException($"{path}.{name} is missing");

    /// <summary>A string value (null for JSON null), decoded strictly.</summary>
    public static string? StringValue(JsonElement value, string path)
    {
        if (value.ValueKind is JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is not JsonValueKind.String)
        {
            throw new MalformedInteractionException($"{path} is a {value.ValueKind.ToString().ToLowerInvariant()}, not a string");
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            throw new MalformedInteractionException($"{path} is not valid Unicode");
        }
    }

    public static int? Int(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind is JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new MalformedInteractionException($"{path}.{name} is not a whole number");
    }

    public static bool Bool(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True;
}
