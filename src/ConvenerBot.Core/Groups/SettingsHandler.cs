using System.Globalization;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Groups;

/// <summary>
/// Shows the group's settings to any member; organizers change one at a time: <c>autostart on|off</c>,
/// <c>grace MINUTES</c> (from <see cref="GroupSettings.MinGraceMinutes"/> to <see cref="GroupSettings.MaxGraceMinutes"/>),
/// <c>autoadvance on|off</c>. A value that does not fit is refused and nothing changes.
/// </summary>
public sealed class SettingsHandler : ICommandHandler<SettingsCommand>
{
    public const string AutoStart = "autostart";
    public const string Grace = "grace";
    public const string AutoAdvance = "autoadvance";

    public async Task<Reply> HandleAsync(SettingsCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Group.Settings;
        if (command.Setting is not { } setting)
        {
            return Reply.Text(context.Say("reply.settings.show", ("settings", Describe(settings))));
        }

        context.Require(Role.Organizer, Phrase.Of("action.settings.change"));
        var value = command.Value?.Trim().ToLowerInvariant();
        settings = setting switch
        {
            AutoStart => settings with { AutoStart = OnOff(setting, value) },
            AutoAdvance => settings with { AutoAdvance = OnOff(setting, value) },
            _ => settings with { GraceMinutes = Minutes(value) },
        };
        await context.Store.Groups.SetSettingsAsync(context.Group.Id, settings, cancellationToken);
        return Reply.Text(context.Say("reply.settings.saved", ("settings", Describe(settings))));
    }

    /// <summary>The settings as a sentence: "auto-start off; grace period 120 minutes; auto-advance off".</summary>
    public static Phrase Describe(GroupSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Phrase.Of(
            "settings.summary",
            ("autostart", Phrase.Of(settings.AutoStart ? "settings.on" : "settings.off")),
            ("minutes", settings.GraceMinutes),
            ("autoadvance", Phrase.Of(settings.AutoAdvance ? "settings.on" : "settings.off")));
    }

    private static bool OnOff(string setting, string? value) => value switch
    {
        "on" => true,
        "off" => false,
        null => throw new ConvenerRuleException("rule.settings.on-off.missing", ("setting", setting)),
        _ => throw new ConvenerRuleException("rule.settings.on-off", ("setting", setting), ("word", UserText.Shorten(value, 20))),
    };

    private static int Minutes(string? value)
    {
        var range = new (string, object?)[] { ("min", GroupSettings.MinGraceMinutes), ("max", GroupSettings.MaxGraceMinutes) };
        if (value is null)
        {
            throw new ConvenerRuleException("rule.settings.grace.missing", range);
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            throw new ConvenerRuleException("rule.settings.grace.not-a-number", [("word", UserText.Shorten(value, 20)), .. range]);
        }

        return minutes is >= GroupSettings.MinGraceMinutes and <= GroupSettings.MaxGraceMinutes
            ? minutes
            : throw new ConvenerRuleException("rule.settings.grace.range", [("minutes", minutes), .. range]);
    }
}
