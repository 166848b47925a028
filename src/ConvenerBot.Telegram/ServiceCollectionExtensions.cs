using ConvenerBot.Core.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ConvenerBot.Telegram;

public static class ServiceCollectionExtensions
{
    /// <summary>True when the configuration enables Telegram; the adapter is registered only then.</summary>
    public static bool IsTelegramEnabled(this IConfiguration configuration) =>
        configuration.GetValue<bool>($"{TelegramOptions.SectionName}:{nameof(TelegramOptions.Enabled)}");

    /// <summary>True when Telegram is enabled in webhook mode, which needs the HTTP endpoint.</summary>
    public static bool IsTelegramWebhook(this IConfiguration configuration) =>
        configuration.IsTelegramEnabled()
        && string.Equals(configuration[$"{TelegramOptions.SectionName}:{nameof(TelegramOptions.Mode)}"], "webhook", StringComparison.OrdinalIgnoreCase);

    /// <summary>Registers the Telegram adapter: client, receiver, rate-limited sender, its conversation gateway, and the webhook's services.</summary>
    public static IServiceCollection AddTelegramAdapter(this IServiceCollection services)
    {
        services.AddOptions<TelegramOptions>()
            .BindConfiguration(TelegramOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<TelegramOptions>>().Value);
        services.TryAddSingleton(TimeProvider.System);
        // Request URLs carry the bot token: the client factory must not log them.
        services.AddHttpClient("telegram").RemoveAllLoggers();
        services.TryAddSingleton<ITelegramBotClient>(sp =>
        {
            var options = sp.GetRequiredService<TelegramOptions>();
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient("telegram");
            // A long poll must outlast the server's wait; the client's timeout bounds it.
            http.Timeout = TimeSpan.FromSeconds(options.PollTimeoutSeconds + 15);
            return new TelegramBotClient(
                new TelegramBotClientOptions(options.Token!, options.ApiBaseUrl.GetLeftPart(UriPartial.Authority)) { RetryThreshold = 0, RetryCount = 1 },
                http);
        });
        services.TryAddSingleton<BotIdentity>();
        services.TryAddSingleton<LenientUpdateReader>();
        services.TryAddSingleton<SendRateLimiter>();
        services.TryAddSingleton<ChatMigrations>();
        services.TryAddSingleton<AcknowledgementNotes>();
        services.TryAddSingleton<TelegramSender>();
        services.TryAddSingleton<ForumChats>();
        ConversationGateways.Register<TelegramGateway>(services, TelegramGateway.PlatformName);
        services.TryAddSingleton<ChatAdministrators>();
        services.TryAddSingleton<UpdateHandler>();
        services.TryAddSingleton<ChatQueues>();
        services.AddHostedService<TelegramBotService>();
        return services;
    }
}
