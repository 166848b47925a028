using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConvenerBot.Discord.Tests.Support;

/// <summary>
/// A small JSON Schema checker for the request schemas in Discord's OpenAPI description (Spec/openapi.json,
/// MIT): follows $ref, allOf, anyOf/oneOf, type (null included), enum, const, properties, required, items,
/// maxLength and maxItems; and refuses properties the schema does not know, which catches most mistakes.
/// </summary>
internal sealed class SchemaChecker
{
    private static readonly Lazy<SchemaChecker> Shared = new(() => new SchemaChecker(Path.Combine(AppContext.BaseDirectory, "Spec", "openapi.json")));

    private readonly JsonElement _schemas;

    private SchemaChecker(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        _schemas = document.RootElement.GetProperty("components").GetProperty("schemas").Clone();
    }

    public static void AssertValid(JsonNode? json, string schemaName)
    {
        var errors = new List<string>();
        using var document = JsonDocument.Parse(json?.ToJsonString() ?? "null");
        Shared.Value.Check(document.RootElement, Shared.Value._schemas.GetProperty(schemaName), "$", errors);
        Assert.True(errors.Count == 0, $"{schemaName}: {string.Join("; ", errors.Distinct().Take(10))}\n{json?.ToJsonString()}");
    }

    /// <summary>An interaction response, checked against the schema its type calls for.</summary>
    public static void AssertValidResponse(JsonObject response) =>
        AssertValid(response, response["type"]!.GetValue<int>() switch
        {
            4 or 5 => "CreateMessageInteractionCallbackRequest",
            6 or 7 => "UpdateMessageInteractionCallbackRequest",
            8 => "ApplicationCommandAutocompleteCallbackRequest",
            9 => "ModalInteractionCallbackRequest",
            var other => throw new InvalidOperationException($"unexpected response type {other}"),
        });

    /// <summary>Every body the bot sent to the fake REST server, checked against the schema of its route.</summary>
    public static void AssertValidCalls(FakeDiscordRest rest)
    {
        foreach (var (method, path, body, _, _) in rest.Calls)
        {
            var schema = (method, path) switch
            {
                ("PUT", _) => null,
                ("GET", _) => null,
                ("DELETE", _) => null,
                ("POST", "users/@me/channels") => "CreatePrivateChannelRequest",
                ("POST", _) when path.StartsWith("channels/", StringComparison.Ordinal) && path.EndsWith("/threads", StringComparison.Ordinal) => "CreateTextThreadWithoutMessageRequest",
                ("POST", _) when path.StartsWith("channels/", StringComparison.Ordinal) => "MessageCreateRequest",
                ("PATCH", _) when path.StartsWith("channels/", StringComparison.Ordinal) && path.Contains("/messages/", StringComparison.Ordinal) => "MessageEditRequestPartial",
                ("PATCH", _) when path.StartsWith("channels/", StringComparison.Ordinal) => "UpdateThreadRequestPartial",
                ("POST", _) when IsEvents(path) => "ExternalScheduledEventCreateRequest",
                ("PATCH", _) when IsEvents(path) => "ExternalScheduledEventPatchRequestPartial",
                ("PATCH", _) => "IncomingWebhookUpdateRequestPartial",
                ("POST", _) => "IncomingWebhookRequestPartial",
                _ => throw new InvalidOperationException($"unexpected call {method} {path}"),
            };
            if (method == "PUT")
            {
                Assert.All(body!.AsArray(), c => AssertValid(c, "ApplicationCommandCreateRequest"));
            }
            else if (schema is not null)
            {
                AssertValid(body, schema);
                if (schema != "CreatePrivateChannelRequest" && !IsEvents(path) && (!path.StartsWith("channels/", StringComparison.Ordinal) || path.EndsWith("/messages", StringComparison.Ordinal)))
                {
                    Assert.Empty(body!["allowed_mentions"]!["parse"]!.AsArray());
                }
            }
        }
    }

    /// <summary>A guild's scheduled events (<c>guilds/{id}/scheduled-events</c>, and one event under it).</summary>
    private static bool IsEvents(string path) =>
        path.StartsWith("guilds/", StringComparison.Ordinal) && path.Contains("/scheduled-events", StringComparison.Ordinal);

    private void Check(JsonElement value, JsonElement schema, string path, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(value, _schemas.GetProperty(reference.GetString()!.Split('/')[^1]), path, errors);
        }

        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var part in all.EnumerateArray())
            {
                Check(value, part, path, errors);
            }
        }

        foreach (var keyword in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(keyword, out var options)
                && !options.EnumerateArray().Any(option => Matches(value, option, path)))
            {
                errors.Add($"{path}: matches none of the {keyword} alternatives");
            }
        }

        if (schema.TryGetProperty("type", out var type) && !TypeMatches(value, type))
        {
            errors.Add($"{path}: {value.ValueKind} is not {type.GetRawText()}");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            errors.Add($"{path}: {value.GetRawText()} is not one of {allowed.GetRawText()}");
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add($"{path}: {value.GetRawText()} is not {constant.GetRawText()}");
        }

        if (value.ValueKind is JsonValueKind.String && schema.TryGetProperty("maxLength", out var maxLength) && value.GetString()!.Length > maxLength.GetInt32())
        {
            errors.Add($"{path}: longer than {maxLength.GetInt32()}");
        }

        if (value.ValueKind is JsonValueKind.Array)
        {
            if (schema.TryGetProperty("maxItems", out var maxItems) && value.GetArrayLength() > maxItems.GetInt32())
            {
                errors.Add($"{path}: more than {maxItems.GetInt32()} items");
            }

            if (schema.TryGetProperty("items", out var items))
            {
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(item, items, $"{path}[{i++}]", errors);
                }
            }
        }

        if (value.ValueKind is JsonValueKind.Object && schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in value.EnumerateObject())
            {
                if (properties.TryGetProperty(property.Name, out var propertySchema))
                {
                    Check(property.Value, propertySchema, $"{path}.{property.Name}", errors);
                }
                else
                {
                    errors.Add($"{path}.{property.Name}: not in the schema");
                }
            }

            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
                {
                    errors.Add($"{path}.{name}: required");
                }
            }
        }
    }

    private bool Matches(JsonElement value, JsonElement schema, string path)
    {
        var errors = new List<string>();
        Check(value, schema, path, errors);
        return errors.Count == 0;
    }

    private static bool TypeMatches(JsonElement value, JsonElement type) =>
        type.ValueKind is JsonValueKind.Array ? type.EnumerateArray().Any(t => TypeMatches(value, t)) : type.GetString() switch
        {
            "null" => value.ValueKind is JsonValueKind.Null,
            "object" => value.ValueKind is JsonValueKind.Object,
            "array" => value.ValueKind is JsonValueKind.Array,
            "string" => value.ValueKind is JsonValueKind.String,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "integer" => value.ValueKind is JsonValueKind.Number && value.TryGetInt64(out _),
            "number" => value.ValueKind is JsonValueKind.Number,
            _ => true,
        };
}
