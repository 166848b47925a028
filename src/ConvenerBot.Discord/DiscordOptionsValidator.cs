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

        return missing.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Discord is enabled but these settings are missing: {string.Join(", ", missing)}.");
    }
}
