using Microsoft.Extensions.Options;

namespace ConvenerBot.Discord;

/// <summary>An enabled Discord adapter needs its application id, public key and bot token.</summary>
internal sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Skip;
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApplicationId))
        {
            missing.Add("Discord:ApplicationId");
        }

        if (string.IsNullOrWhiteSpace(options.PublicKey))
        {
            missing.Add("Discord:PublicKey");
        }

        if (string.IsNullOrWhiteSpace(options.BotToken))
        {
            missing.Add("Discord:BotToken (set it with the environment variable CONVENERBOT__Discord__BotToken)");
        }

        if (missing.Count > 0)
        {
            return ValidateOptionsResult.Fail($"Discord is enabled but these settings are missing: {string.Join(", ", missing)}.");
        }

        // An interaction token lives 15 minutes: whatever is still to be said must go out before then.
        var tokenLife = TimeSpan.FromMinutes(14);
        if (options.RetryDeadline <= TimeSpan.Zero || options.RetryDeadline > tokenLife)
        {
            return ValidateOptionsResult.Fail("Discord:RetryDeadline must be more than 0 and at most 00:14:00 (an interaction token lives 15 minutes).");
        }

        if (options.StoreRetryFor < TimeSpan.Zero || options.StoreRetryFor > tokenLife)
        {
            return ValidateOptionsResult.Fail("Discord:StoreRetryFor must be between 00:00:00 and 00:14:00 (an interaction token lives 15 minutes).");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero || options.RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            return ValidateOptionsResult.Fail("Discord:RetryBaseDelay must be more than 0 and at most 00:01:00.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            return ValidateOptionsResult.Fail("Discord:RequestTimeout must be more than 0 and at most 00:05:00.");
        }

        return ValidateOptionsResult.Success;
    }
}
