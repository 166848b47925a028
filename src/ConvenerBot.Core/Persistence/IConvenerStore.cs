namespace ConvenerBot.Core.Persistence;

/// <summary>The store behind the engine. Every command runs in exactly one transaction from it.</summary>
public interface IConvenerStore
{
    Task<IStoreTransaction> BeginAsync(CancellationToken cancellationToken);
}
