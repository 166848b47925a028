using Microsoft.Extensions.Options;

namespace ConvenerBot.Telegram;

/// <summary>The cross-field rules: an enabled adapter needs a token; webhook mode needs its address and secret.</summary>
internal sealed class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Token))
        {
            failures.Add("Telegram is enabled but Telegram:Token is not set; set it with the environment variable CONVENERBOT__Telegram__Token.");
        }

        if (options.IsWebhook && (options.WebhookUrl is not { IsAbsoluteUri: true } url || url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("Telegram:Mode is webhook, so Telegram:WebhookUrl must be an absolute https:// address.");
        }

        if (options.IsWebhook && string.IsNullOrEmpty(options.SecretToken))
        {
            failures.Add("Telegram:Mode is webhook, so Telegram:SecretToken must be set.");
        }

        if (options.PerChatInterval < TimeSpan.Zero)
        {
            failures.Add("Telegram:PerChatInterval cannot be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
