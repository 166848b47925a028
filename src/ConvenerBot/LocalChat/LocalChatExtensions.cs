using ConvenerBot.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConvenerBot.LocalChat;

public static class LocalChatExtensions
{
    /// <summary>The local terminal chat on standard input and output, and its conversation gateway.</summary>
    public static IServiceCollection AddLocalChat(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => LocalChatIo.FromConsole());
        ConversationGateways.Register<LocalChatGateway>(services, LocalChatGateway.PlatformName);
        services.AddHostedService<LocalChatService>();
        return services;
    }
}
