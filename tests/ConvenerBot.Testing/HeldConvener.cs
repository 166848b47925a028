using ConvenerBot.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace ConvenerBot.Testing;

/// <summary>
/// Wraps the real engine and holds back the messages of one conversation (or of all) until a gate opens:
/// a deliberately slow handler, with no timing involved.
/// </summary>
public sealed class HeldConvener(IConvener inner, Task gate, string? conversationId) : ForwardingConvener(inner)
{
    /// <summary>Replaces the registered engine with a held one around it.</summary>
    public static void Install(IServiceCollection services, Task gate, string? conversationId = null)
    {
        var original = services.Single(d => d.ServiceType == typeof(IConvener));
        services.Remove(original);
        services.AddSingleton<IConvener>(sp => new HeldConvener(
            (IConvener)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!), gate, conversationId));
    }

    public override async Task<Reply> HandleAsync(Inbound inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        if (conversationId is null || inbound.Conversation.Id == conversationId)
        {
            await gate.WaitAsync(cancellationToken);
        }

        return await base.HandleAsync(inbound, cancellationToken);
    }
}
