using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Text;
using static ConvenerBot.Discord.InteractionJson;

namespace ConvenerBot.Discord;

/// <summary>
/// Turns a Discord interaction into the engine's terms. A slash command's typed options become the
/// command itself (<see cref="Inbound.Command"/>), never text to be parsed again, so a <c>|</c> in a title
/// stays in the title; a picked user is identified by id. Members whose permissions include Administrator
/// or Manage Server are organizers; an interaction without a guild member is a private chat.
/// A field of the wrong shape throws <see cref="MalformedInteractionException"/>.
/// </summary>
internal static class InteractionTranslator
{
    private static readonly BigInteger OrganizerBits = (BigInteger.One << 3) | (BigInteger.One << 5);

    public static InteractionContext Context(JsonElement interaction, int type)
    {
        var channelId = RequiredString(interaction, "channel_id", "interaction");
        var channel = Object(interaction, "channel", "interaction");
        var channelType = channel is { } c ? Int(c, "type", "channel") : null;
        var parent = channel is { } p ? String(p, "parent_id", "channel") : null;
        var inThread = channelType is 10 or 11 or 12 && parent is { Length: > 0 };
        var isPrivate = Object(interaction, "member", "interaction") is null;
        return new InteractionContext(
            RequiredString(interaction, "id", "interaction"),
            RequiredString(interaction, "token", "interaction"),
            type,
            channelId,
            inThread,
            inThread ? parent! : channelId,
            isPrivate);
    }

    public static Interpretation Interpret(JsonElement interaction, InteractionContext context)
    {
        var data = RequiredObject(interaction, "data", "interaction");
        var inbound = Inbound(interaction, context);
        return context.Type switch
        {
            2 => Command(data, inbound, context),
            3 => Component(data, inbound, context),
            _ => Modal(data, inbound, context),
        };
    }

    /// <summary>The option being typed in an autocomplete interaction: which numbers it wants, and the text so far.</summary>
    public static (SuggestionKind Kind, string Typed)? Focused(JsonElement interaction)
    {
        var data = RequiredObject(interaction, "data", "interaction");
        var command = RequiredString(data, "name", "data");
        var (sub, options) = Options(data);
        foreach (var (name, option) in options)
        {
            if (Bool(option, "focused"))
            {
                var numberOf = CommandTable.Find(command, sub)?.Args.FirstOrDefault(a => a.Name == name)?.NumberOf;
                var kind = numberOf is "case" ? SuggestionKind.Case : SuggestionKind.Session;
                var typed = option.TryGetProperty("value", out var v) && v.ValueKind is JsonValueKind.Number ? v.GetRawText() : String(option, "value", "option") ?? "";
                return (kind, typed);
            }
        }

        return null;
    }

    private static Inbound Inbound(JsonElement interaction, InteractionContext context)
    {
        var member = Object(interaction, "member", "interaction");
        var user = member is { } m
            ? RequiredObject(m, "user", "member")
            : Object(interaction, "user", "interaction") ?? throw new MalformedInteractionException("interaction has neither member nor user");
        var userId = RequiredString(user, "id", "user");
        var nick = member is { } withNick ? String(withNick, "nick", "member") : null;
        var permissions = member is { } withPermissions && String(withPermissions, "permissions", "member") is { } bits
            && BigInteger.TryParse(bits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : BigInteger.Zero;
        var channelName = Object(interaction, "channel", "interaction") is { } channel ? String(channel, "name", "channel") : null;
        return new Inbound(
            new ConversationRef(DiscordGateway.PlatformName, context.GroupId),
            context.IsPrivateChat ? Say("discord.channel.direct-messages") : channelName is { Length: > 0 } ? "#" + channelName : Say("discord.channel.this"),
            new MemberRef(DiscordGateway.PlatformName, userId),
            UserText.CleanName(nick, NameOf(user)),
            !context.IsPrivateChat && (permissions & OrganizerBits) != 0,
            "")
        {
            DeliveryId = context.Id,
            ShowTime = DiscordText.Timestamp,
            Kind = context.IsPrivateChat ? ConversationKind.Private : ConversationKind.Group,
            Handle = String(user, "username", "user"),
            Space = context.InThread ? context.ChannelId : null,
            // The interaction's token is used for up to this long; only then may the outbox post the answer instead.
            AnswerWithin = InteractionContext.TokenUsableFor + TimeSpan.FromMinutes(1),
        };
    }

    private static Interpretation Command(JsonElement data, Inbound inbound, InteractionContext context)
    {
        var name = RequiredString(data, "name", "data");
        var (sub, list) = Options(data);
        var options = new OptionValues(list);
        if (name == "case" && sub == "open" && !options.Has("title") && !context.IsPrivateChat)
        {
            return Respond(context, new JsonObject { ["type"] = 9, ["data"] = CaseForm.Build(MessageCatalog.DefaultLanguage) });
        }

        if (name == "help" && !context.IsPrivateChat)
        {
            return Respond(context, Message(4, DiscordHelp.Message));
        }

        var (command, problem) = Build(name, sub, options);
        if (command is null && context.IsPrivateChat && CommandTable.Find(name, sub) is not { InPrivateChat: true })
        {
            // In a private chat the engine refuses every group command alike, whatever its fields say.
            command = new HereCommand();
        }

        if (command is null)
        {
            return Refuse(context, problem!);
        }

        if (command is SetRoleCommand && options.String("member") is { } picked)
        {
            inbound = inbound with { Mentioned = new MemberMention(new MemberRef(DiscordGateway.PlatformName, picked), null, ResolvedName(data, picked)) };
        }

        return Engine(context, inbound with { Command = command }, command);
    }

    /// <summary>
    /// The command a slash command names, built from its typed options through the <see cref="CommandTable"/>,
    /// so its values meet the same checks as typed text. A picked member is not a value: it becomes
    /// <see cref="Inbound.Mentioned"/>.
    /// </summary>
    private static (ICommand? Command, string? Problem) Build(string name, string? sub, OptionValues o)
    {
        if (CommandTable.Find(name, sub) is not { } descriptor)
        {
            return (null, Say("parse.unknown-command", ("name", UserText.Shorten(sub is null ? name : name + " " + sub, 40))));
        }

        var raw = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var arg in descriptor.Args.Where(a => a.Kind is not ArgKind.Member))
        {
            var value = arg.Kind switch
            {
                ArgKind.Number => o.Int(arg.Name),
                ArgKind.Flag => o.Bool(arg.Name),
                _ => (object?)o.String(arg.Name),
            };
            if (value is not null and not false)
            {
                raw[arg.Name] = value;
            }
        }

        var bound = CommandTable.Bind(descriptor, raw, UsageStyle.Slash);
        return bound.Command is { } command ? (command, null) : (null, Say(bound.Error!));
    }

    /// <summary>The case form's fields as a /case open command.</summary>
    private static (ICommand? Command, string? Problem) OpenCase(string title, string? description) =>
        Build("case", "open", new OptionValues(title, description));

    private static string Say(Phrase phrase) => MessageCatalog.Default.Render(MessageCatalog.DefaultLanguage, phrase);

    private static string Say(string key, params (string Name, object? Value)[] args) => Say(Phrase.Of(key, args));

    private static Interpretation Component(JsonElement data, Inbound inbound, InteractionContext context)
    {
        var customId = RequiredString(data, "custom_id", "data");
        if (StageButtonCode.TryParse(customId, out var button))
        {
            var confirmation = button.Action is StageAction.End;
            return new Interpretation(context, inbound with { Button = button }, null, Press.Stage, AnswersPrivately: confirmation);
        }

        if (ButtonCode.TryParseContribute(customId, out var verb, out var stage))
        {
            return Respond(context, new JsonObject { ["type"] = 9, ["data"] = ContributionForm.Build(verb, stage, MessageCatalog.DefaultLanguage) });
        }

        if (RsvpButtonCode.TryParse(customId, out var answer, out var session))
        {
            // An answer is the same command as /rsvp; a case needs its title, asked for in a form.
            return answer is Core.Sessions.RsvpAnswer.Case
                ? Respond(context, new JsonObject { ["type"] = 9, ["data"] = RsvpForm.Build(session, MessageCatalog.DefaultLanguage) })
                : Rsvp(context, inbound, RsvpButtonCode.Bind(answer, session));
        }

        if (ButtonCode.TryParsePage(customId, out var list, out var page) && list == ButtonCode.CasesList)
        {
            var command = new ListCasesCommand(page);
            return new Interpretation(context, inbound with { Command = command }, null, Press.Page, AnswersPrivately: true);
        }

        return Refuse(context, Say("platform.button-invalid"));
    }

    private static Interpretation Modal(JsonElement data, Inbound inbound, InteractionContext context)
    {
        var customId = RequiredString(data, "custom_id", "data");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Array(data, "components", "data") is { } components)
        {
            Collect(components, values, "data.components");
        }

        if (customId == CaseForm.CustomId)
        {
            var (command, problem) = OpenCase(values.GetValueOrDefault("title", ""), values.GetValueOrDefault("description"));
            return command is null ? Refuse(context, problem!) : Engine(context, inbound with { Command = command }, command);
        }

        if (ButtonCode.TryParseContribute(customId, out var verb, out var stage))
        {
            var command = new ContributeCommand(verb, values.GetValueOrDefault(ContributionForm.TextId, ""), stage);
            return Engine(context, inbound with { Command = command }, command);
        }

        if (RsvpButtonCode.TryParse(customId, out var answer, out var session) && answer is Core.Sessions.RsvpAnswer.Case)
        {
            return Rsvp(context, inbound, RsvpButtonCode.Bind(answer, session, values.GetValueOrDefault(RsvpForm.TitleId, "")));
        }

        return Refuse(context, Say("discord.form-invalid"));
    }

    /// <summary>An answer from a button or the case form, checked as the typed command is; answered to the member alone.</summary>
    private static Interpretation Rsvp(InteractionContext context, Inbound inbound, ParseResult bound) =>
        bound.Command is { } command ? Engine(context, inbound with { Command = command }, command) : Refuse(context, Say(bound.Error!));

    private static Interpretation Engine(InteractionContext context, Inbound inbound, ICommand command) =>
        new(context, inbound, null, Press.None, context.IsPrivateChat || CommandVisibility.AnswersPrivately(command) || command is ContributeCommand);

    private static Interpretation Respond(InteractionContext context, JsonObject response) => new(context, null, response, Press.None, true);

    private static Interpretation Refuse(InteractionContext context, string text) =>
        Respond(context, Message(4, DiscordMessages.Text(text, ephemeral: true)));

    public static JsonObject Message(int type, JsonObject data) => new() { ["type"] = type, ["data"] = data };

    /// <summary>The subcommand's name (if any) and the options under it.</summary>
    private static (string? Sub, List<(string Name, JsonElement Option)> Options) Options(JsonElement data)
    {
        string? sub = null;
        var options = Array(data, "options", "data");
        if (options is { } top && top.GetArrayLength() > 0 && top[0].ValueKind is JsonValueKind.Object && Int(top[0], "type", "option") is 1 or 2)
        {
            sub = RequiredString(top[0], "name", "option");
            options = Array(top[0], "options", "option");
        }

        var list = new List<(string, JsonElement)>();
        foreach (var option in options?.EnumerateArray() ?? default)
        {
            if (option.ValueKind is not JsonValueKind.Object)
            {
                throw new MalformedInteractionException("an option is not an object");
            }

            list.Add((RequiredString(option, "name", "option"), option));
        }

        return (sub, list);
    }

    private static void Collect(JsonElement element, Dictionary<string, string> values, string path)
    {
        if (element.ValueKind is JsonValueKind.Object)
        {
            if (String(element, "custom_id", path) is { } id && element.TryGetProperty("value", out var value))
            {
                values[id] = StringValue(value, path + ".value") ?? "";
            }

            if (Object(element, "component", path) is { } inner)
            {
                Collect(inner, values, path + ".component");
            }

            if (Array(element, "components", path) is { } nested)
            {
                Collect(nested, values, path + ".components");
            }
        }
        else if (element.ValueKind is JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, values, path);
            }
        }
    }

    /// <summary>How a picked user is shown: their server nickname, else their display name, else their username.</summary>
    private static string ResolvedName(JsonElement data, string userId)
    {
        if (Object(data, "resolved", "data") is { } resolved)
        {
            if (Object(resolved, "members", "resolved") is { } members && Object(members, userId, "resolved.members") is { } member
                && String(member, "nick", "member") is { Length: > 0 } nick)
            {
                return nick;
            }

            if (Object(resolved, "users", "resolved") is { } users && Object(users, userId, "resolved.users") is { } user)
            {
                return NameOf(user);
            }
        }

        return Say("discord.name.member-id", ("id", userId));
    }

    private static string NameOf(JsonElement user) =>
        String(user, "global_name", "user") is { Length: > 0 } global ? global : String(user, "username", "user") ?? Say("discord.name.member");

    /// <summary>Typed option values by name; a value of the wrong JSON kind is malformed.</summary>
    private sealed class OptionValues(List<(string Name, JsonElement Option)> options)
    {
        private readonly Dictionary<string, string>? form;

        /// <summary>The case form's fields, given as text.</summary>
        public OptionValues(string title, string? description)
            : this([]) =>
            form = new Dictionary<string, string>(StringComparer.Ordinal) { ["title"] = title, ["description"] = description ?? "" };

        public bool Has(string name) => options.Any(o => o.Name == name);

        public string? String(string name) =>
            form is not null ? form.GetValueOrDefault(name) :
            options.FirstOrDefault(o => o.Name == name) is { Option.ValueKind: JsonValueKind.Object } found && found.Option.TryGetProperty("value", out var value)
                ? StringValue(value, $"option {name}")
                : null;

        public bool? Bool(string name) =>
            options.FirstOrDefault(o => o.Name == name) is { Option.ValueKind: JsonValueKind.Object } found && found.Option.TryGetProperty("value", out var value)
                ? value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new MalformedInteractionException($"option {name} is not a boolean"),
                }
                : null;

        public int? Int(string name) =>
            options.FirstOrDefault(o => o.Name == name) is { Option.ValueKind: JsonValueKind.Object } found
                ? InteractionJson.Int(found.Option, "value", $"option {name}")
                : null;
    }
}
