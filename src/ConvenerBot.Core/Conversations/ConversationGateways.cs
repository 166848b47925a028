using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConvenerBot.Core.Conversations;

/// <summary>
/// The gateways the configured adapters registered, found by platform, for work that posts to any
/// conversation. Each gateway is also registered as a keyed <see cref="IConversationGateway"/> under its
/// platform's name.
/// </summary>
public sealed class ConversationGateways
{
    private readonly Dictionary<string, IConversationGateway> _byPlatform = new(StringComparer.Ordinal);

    public ConversationGateways(IEnumerable<IConversationGateway> gateways)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        foreach (var gateway in gateways)
        {
            if (!_byPlatform.TryAdd(gateway.Platform, gateway) && !ReferenceEquals(_byPlatform[gateway.Platform], gateway))
            {
                throw new InvalidOperationException($"Two gateways post to the platform '{gateway.Platform}'.");
            }
        }
    }

    /// <summary>Registers an adapter's gateway: as itself (a singleton), among all gateways, and keyed by its platform.</summary>
    public static void Register<TGateway>(IServiceCollection services, string platform)
        where TGateway : class, IConversationGateway
    {
        services.TryAddSingleton<TGateway>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationGateway, TGateway>(sp => sp.GetRequiredService<TGateway>()));
        services.TryAddKeyedSingleton<IConversationGateway>(platform, (sp, _) => sp.GetRequiredService<TGateway>());
    }

    /// <summary>The platforms a gateway posts to.</summary>
    public IReadOnlyCollection<string> Platforms => _byPlatform.Keys;

    /// <summary>The gateway of a platform, or null when no adapter for it is configured.</summary>
    public IConversationGateway? Find(string platform) => _byPlatform.GetValueOrDefault(platform);

    /// <summary>Posts through the gateway of the conversation's platform; throws when no adapter for it is configured.</summary>
    public Task<PostResult> PostAsync(ConversationPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var gateway = Find(post.Conversation.Platform)
            ?? throw new InvalidOperationException($"No gateway posts to the platform '{post.Conversation.Platform}'.");
        return gateway.PostAsync(post, cancellationToken);
    }
}
