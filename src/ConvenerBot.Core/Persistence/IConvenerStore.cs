namespace ConvenerBot.Core.Persistence;

/// <summary>
/// The store behind the engine. Every command runs in exactly one transaction from it. A caller never
/// opens a second transaction while it holds one: the embedded store lets one writer in at a time.
/// </summary>
public interface IConvenerStore
{
    Task<IStoreTransaction> BeginAsync(CancellationToken cancellationToken);
}
