namespace ConvenerBot.Core.Persistence;

/// <summary>
/// The store behind the engine. Every command runs in exactly one transaction from it. A caller never
/// opens a second write transaction while it holds one: the embedded store lets one writer in at a time.
/// </summary>
public interface IConvenerStore
{
    Task<IStoreTransaction> BeginAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A transaction that only reads: it never waits for a writer (neither the embedded store's queue nor
    /// SQLite's write lock), and every read in it sees the same committed state. Anything it tries to write
    /// fails. Disposing it ends it; it needs no commit. It may be opened while a write transaction is held.
    /// </summary>
    Task<IStoreTransaction> BeginReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// True when the exception says the database could not be reached or stopped answering (a connection
    /// refused or broken, the server shutting down): nothing was saved, and the same command may simply be
    /// tried again later. False for everything else, which is a fault.
    /// </summary>
    bool IsUnavailable(Exception exception);
}
