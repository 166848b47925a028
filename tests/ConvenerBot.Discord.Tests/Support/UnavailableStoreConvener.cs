using ConvenerBot.Core.Conversations;
using ConvenerBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ConvenerBot.Discord.Tests.Support;

/// <summary>Wraps the real engine and answers "store unavailable" (saving nothing) for the first <c>times</c> commands.</summary>
internal sealed class UnavailableStoreConvener(IConvener inner, int times) : ForwardingConvener(inner)
{
    private int _left = times;

    public static void Install(IServiceCollection services, int times)
    {
        var original = services.Single(d => d.ServiceType == typeof(IConvener));
        services.Remove(original);
        services.AddSingleton<IConvener>(sp => new UnavailableStoreConvener(
            (IConvener)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!), times));
    }

    public override Task<Reply> HandleAsync(Inbound inbound, CancellationToken cancellationToken) =>
        Interlocked.Decrement(ref _left) >= 0 ? Task.FromResult(Reply.Unavailable) : base.HandleAsync(inbound, cancellationToken);
}
