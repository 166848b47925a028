using ConvenerBot.Core.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ConvenerBot.Discord;

public static class ServiceCollectionExtensions
{
    /// <summary>True when the configuration enables Discord; it needs the web server for its endpoint.</summary>
    public static bool IsDiscordEnabled(this IConfiguration configuration) =>
        configuration.GetValue<bool>($"{DiscordOptions.SectionName}:{nameof(DiscordOptions.Enabled)}");

    /// <summary>Registers the Discord adapter's services; map its endpoint with <see cref="DiscordInteractions.MapDiscordInteractions"/>.</summary>
    public static IServiceCollection AddDiscordAdapter(this IServiceCollection services)
    {
        services.AddOptions<DiscordOptions>()
            .BindConfiguration(DiscordOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<DiscordOptions>>().Value);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InteractionVerifier>();
        services.TryAddSingleton<DiscordRest>();
        services.TryAddSingleton<SessionThreads>();
        services.TryAddSingleton<GuildEvents>();
        ConversationGateways.Register<DiscordGateway>(services, DiscordGateway.PlatformName);
        services.TryAddSingleton<InteractionWork>();
        services.TryAddSingleton<InteractionResponder>();
        services.AddHostedService<CommandRegistration>();
        // Discord tokens travel in URLs and headers: the client factory must not log requests.
        services.AddHttpClient("discord")
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<DiscordOptions>().RequestTimeout)
            .RemoveAllLoggers();
        return services;
    }
}
