using System.Globalization;
using System.Text.Json;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Discord;

/// <summary>
/// Turns a Discord interaction into the engine's terms: a slash command with its typed options becomes the
/// same command text members type elsewhere; a stage button becomes a <see cref="StageButton"/>. Members
/// whose permissions include Administrator or Manage Server are organizers.
/// </summary>
internal static class InteractionTranslator
{
    private const ulong Administrator = 1UL << 3;
    private const ulong ManageGuild = 1UL << 5;

    public static Inbound? Translate(JsonElement interaction, int type)
    {
        if (!interaction.TryGetProperty("channel_id", out var channel) || channel.GetString() is not { Length: > 0 } channelId
            || User(interaction) is not { } user)
        {
            return null;
        }

        var inbound = new Inbound(
            new ConversationRef("discord", ChannelOf(interaction).GroupId),
            interaction.TryGetProperty("channel", out var c) && c.TryGetProperty("name", out var n) && n.GetString() is { } name ? "#" + name : "this channel",
            new MemberRef("discord", user.Id),
            user.DisplayName,
            user.IsAdministrator,
            "")
        {
            DeliveryId = interaction.TryGetProperty("id", out var id) ? id.GetString() : null,
            ShowTime = DiscordText.Timestamp,
        };

        if (type == 3)
        {
            var customId = interaction.TryGetProperty("data", out var data) && data.TryGetProperty("custom_id", out var cid) ? cid.GetString() : null;
            // An unreadable custom id leaves Button unset; the endpoint refuses it without asking the engine.
            return StageButtonCode.TryParse(customId, out var button) ? inbound with { Button = button } : inbound;
        }

        if (type == 5)
        {
            return ModalText(interaction.GetProperty("data")) is { } text ? inbound with { Text = text } : null;
        }

        return inbound with { Text = CommandText(interaction.GetProperty("data"), interaction) };
    }

    /// <summary>
    /// The channel an interaction came from, and the group's channel: a session's thread belongs to the
    /// group of its parent channel.
    /// </summary>
    public static (string Id, bool IsThread, string GroupId) ChannelOf(JsonElement interaction)
    {
        var id = interaction.GetProperty("channel_id").GetString()!;
        if (interaction.TryGetProperty("channel", out var channel)
            && channel.TryGetProperty("type", out var type) && type.GetInt32() is 10 or 11 or 12
            && channel.TryGetProperty("parent_id", out var parent) && parent.GetString() is { Length: > 0 } parentId)
        {
            return (id, true, parentId);
        }

        return (id, false, id);
    }

    /// <summary>The option being typed in an autocomplete interaction: which numbers it wants, and the text so far.</summary>
    public static (SuggestionKind Kind, string Typed)? Focused(JsonElement interaction)
    {
        var data = interaction.GetProperty("data");
        var command = data.GetProperty("name").GetString();
        var options = data.TryGetProperty("options", out var o) ? o : default;
        if (options.ValueKind is JsonValueKind.Array && options.GetArrayLength() > 0 && options[0].GetProperty("type").GetInt32() == 1)
        {
            options = options[0].TryGetProperty("options", out var nested) ? nested : default;
        }

        if (options.ValueKind is not JsonValueKind.Array)
        {
            return null;
        }

        foreach (var option in options.EnumerateArray())
        {
            if (option.TryGetProperty("focused", out var focused) && focused.ValueKind is JsonValueKind.True)
            {
                var name = option.GetProperty("name").GetString();
                var kind = name == "case" || command == "case" ? SuggestionKind.Case : SuggestionKind.Session;
                var value = option.TryGetProperty("value", out var v) ? (v.ValueKind is JsonValueKind.String ? v.GetString()! : v.GetRawText()) : "";
                return (kind, value);
            }
        }

        return null;
    }

    /// <summary>True for <c>/case open</c> without a title: the member gets the form instead.</summary>
    public static bool WantsCaseForm(JsonElement data) =>
        data.GetProperty("name").GetString() == "case"
        && data.TryGetProperty("options", out var options) && options.GetArrayLength() == 1
        && options[0].GetProperty("name").GetString() == "open"
        && (!options[0].TryGetProperty("options", out var fields) || !fields.EnumerateArray().Any(f => f.GetProperty("name").GetString() == "title"));

    /// <summary>The submitted case form as command text; null for a form we did not send.</summary>
    private static string? ModalText(JsonElement data)
    {
        if (!data.TryGetProperty("custom_id", out var id) || id.GetString() != CaseForm.CustomId)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(data, values);
        var title = values.GetValueOrDefault("title", "").ReplaceLineEndings(" ");
        return values.GetValueOrDefault("description") is { Length: > 0 } description
            ? $"/case open {title} | {description}"
            : $"/case open {title}";
    }

    private static void Collect(JsonElement element, Dictionary<string, string> values)
    {
        if (element.ValueKind is JsonValueKind.Object)
        {
            if (element.TryGetProperty("custom_id", out var id) && element.TryGetProperty("value", out var value) && value.ValueKind is JsonValueKind.String)
            {
                values[id.GetString()!] = value.GetString()!;
            }

            foreach (var property in element.EnumerateObject())
            {
                Collect(property.Value, values);
            }
        }
        else if (element.ValueKind is JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, values);
            }
        }
    }

    /// <summary>A slash command and its options, written out as the command text of the shared grammar.</summary>
    public static string CommandText(JsonElement data, JsonElement interaction)
    {
        var text = "/" + data.GetProperty("name").GetString();
        var options = data.TryGetProperty("options", out var o) ? o : default;
        if (options.ValueKind is JsonValueKind.Array && options.GetArrayLength() > 0 && options[0].TryGetProperty("type", out var t) && t.GetInt32() == 1)
        {
            text += " " + options[0].GetProperty("name").GetString();
            options = options[0].TryGetProperty("options", out var nested) ? nested : default;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options.ValueKind is JsonValueKind.Array)
        {
            foreach (var option in options.EnumerateArray())
            {
                var value = option.GetProperty("value");
                values[option.GetProperty("name").GetString()!] = option.GetProperty("type").GetInt32() == 6
                    ? ResolvedName(interaction, value.GetString()!)
                    : value.ValueKind is JsonValueKind.Number ? value.GetRawText() : value.GetString() ?? "";
            }
        }

        string? Take(string key) => values.Remove(key, out var v) ? v : null;
        var parts = new List<string>();
        if (Take("role") is { } role)
        {
            parts.Add(role);
        }

        foreach (var key in new[] { "title", "when", "text", "zone", "id", "member" })
        {
            if (Take(key) is { } v)
            {
                parts.Add(v);
            }
        }

        if (Take("description") is { } description)
        {
            parts.Add("| " + description);
        }

        foreach (var key in new[] { "case", "protocol" })
        {
            if (Take(key) is { } v)
            {
                parts.Add($"{key} {v}");
            }
        }

        return parts.Count == 0 ? text : text + " " + string.Join(' ', parts);
    }

    private static string ResolvedName(JsonElement interaction, string userId)
    {
        if (interaction.TryGetProperty("data", out var data) && data.TryGetProperty("resolved", out var resolved))
        {
            if (resolved.TryGetProperty("members", out var members) && members.TryGetProperty(userId, out var member)
                && member.TryGetProperty("nick", out var nick) && nick.GetString() is { Length: > 0 } nickname)
            {
                return nickname;
            }

            if (resolved.TryGetProperty("users", out var users) && users.TryGetProperty(userId, out var user))
            {
                return NameOf(user);
            }
        }

        return userId;
    }

    private static (string Id, string DisplayName, bool IsAdministrator)? User(JsonElement interaction)
    {
        if (interaction.TryGetProperty("member", out var member) && member.TryGetProperty("user", out var user))
        {
            var permissions = member.TryGetProperty("permissions", out var p)
                && ulong.TryParse(p.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? bits : 0;
            var nick = member.TryGetProperty("nick", out var n) ? n.GetString() : null;
            return (user.GetProperty("id").GetString()!, UserText.CleanName(nick, NameOf(user)), (permissions & (Administrator | ManageGuild)) != 0);
        }

        return interaction.TryGetProperty("user", out var dmUser) ? (dmUser.GetProperty("id").GetString()!, NameOf(dmUser), false) : null;
    }

    private static string NameOf(JsonElement user) =>
        user.TryGetProperty("global_name", out var g) && g.GetString() is { Length: > 0 } global
            ? global
            : user.TryGetProperty("username", out var u) ? u.GetString() ?? "member" : "member";
}
