using System.ComponentModel.DataAnnotations;

namespace ConvenerBot.Telegram;

/// <summary>Settings of the Telegram adapter (configuration section <c>Telegram</c>).</summary>
public sealed class TelegramOptions
{
    public const string SectionName = "Telegram";

    public bool Enabled { get; set; }

    /// <summary>The bot token from BotFather. A secret: set it through the environment or user secrets.</summary>
    [RegularExpression(@"^\d{1,16}:[A-Za-z0-9_-]+$", ErrorMessage = "Telegram:Token is malformed: it should look like 123456789:AA… (digits, a colon, then the secret), as BotFather gives it.")]
    public string? Token { get; set; }

    /// <summary><c>polling</c> (default; works behind NAT) or <c>webhook</c>.</summary>
    [RegularExpression("^(?i)(polling|webhook)$", ErrorMessage = "Telegram:Mode must be 'polling' or 'webhook'.")]
    public string Mode { get; set; } = "polling";

    /// <summary>In webhook mode: the public HTTPS address Telegram posts updates to (ending in /telegram/webhook).</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>In webhook mode: 1–256 characters of A–Z, a–z, 0–9, _ and -; Telegram sends it back in a header.</summary>
    [RegularExpression("^[A-Za-z0-9_-]{1,256}$", ErrorMessage = "Telegram:SecretToken must be 1-256 characters of A-Z, a-z, 0-9, _ and -.")]
    public string? SecretToken { get; set; }

    /// <summary>The Bot API server; change it for a self-hosted Bot API server.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.telegram.org");

    /// <summary>How long one long poll waits for updates.</summary>
    [Range(1, 90)]
    public int PollTimeoutSeconds { get; set; } = 50;

    /// <summary>How long the list of a chat's administrators (its organizers) is trusted before it is fetched again.</summary>
    [Range(0, 3600)]
    public int AdministratorsCacheSeconds { get; set; } = 60;

    /// <summary>Least time between two messages to one chat (Telegram allows about one a second).</summary>
    public TimeSpan PerChatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most messages to one group in a minute (Telegram allows 20).</summary>
    [Range(1, 1000)]
    public int PerGroupPerMinute { get; set; } = 20;

    /// <summary>Most messages a second over all chats (Telegram allows about 30).</summary>
    [Range(1, 1000)]
    public int GlobalPerSecond { get; set; } = 30;

    /// <summary>How long a failing call to Telegram (429, 5xx, no connection) is tried again before what it carries is given up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SendDeadline { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>First pause before a failed call to Telegram is tried again; it doubles up to 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan SendRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>First pause before an update the store could not take is handed in again; it doubles up to 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan StoreRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public bool IsWebhook => string.Equals(Mode, "webhook", StringComparison.OrdinalIgnoreCase);
}
