using System.ComponentModel.DataAnnotations;

namespace ConvenerBot.Discord;

/// <summary>Settings of the Discord adapter (configuration section <c>Discord</c>).</summary>
public sealed class DiscordOptions
{
    public const string SectionName = "Discord";

    public bool Enabled { get; set; }

    /// <summary>The application's id from the developer portal.</summary>
    [RegularExpression("^[0-9]{15,21}$", ErrorMessage = "Discord:ApplicationId must be the application's numeric id from the developer portal.")]
    public string? ApplicationId { get; set; }

    /// <summary>The application's public key (64 hex characters), used to verify that requests come from Discord.</summary>
    [RegularExpression("^[0-9a-fA-F]{64}$", ErrorMessage = "Discord:PublicKey must be the application's public key: 64 hexadecimal characters.")]
    public string? PublicKey { get; set; }

    /// <summary>The bot token. A secret: set it through the environment or user secrets; never logged.</summary>
    public string? BotToken { get; set; }

    /// <summary>Optional: register commands to this guild only (instant, for development) instead of globally.</summary>
    [RegularExpression("^[0-9]{15,21}$", ErrorMessage = "Discord:GuildId must be a numeric guild id.")]
    public string? GuildId { get; set; }

    /// <summary>Discord's REST API; changed in tests.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

    /// <summary>Requests whose signed timestamp is further than this from now are refused, to limit replays.</summary>
    [Range(1, 3600)]
    public int MaxClockSkewSeconds { get; set; } = 300;

    /// <summary>How long one call to Discord's REST API may take before it counts as timed out.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first wait before a call that failed with a server or network error is tried again; each wait doubles, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a message the bot promised is tried before it is given up (and logged as lost). A webhook call
    /// also ends at its interaction's <see cref="InteractionContext.Expires"/>, 14 minutes after the interaction arrived.
    /// </summary>
    public TimeSpan RetryDeadline { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Whether each scheduled session is shown as an event of the server (Discord's scheduled events), kept in
    /// step as the session changes. Needs the Create Events or Manage Events permission.
    /// </summary>
    public bool MirrorSessionsAsEvents { get; set; } = true;

    /// <summary>How long a command is retried while the store cannot be reached, before the member is told to send it again; at most until its interaction expires.</summary>
    public TimeSpan StoreRetryFor { get; set; } = TimeSpan.FromMinutes(10);
}
