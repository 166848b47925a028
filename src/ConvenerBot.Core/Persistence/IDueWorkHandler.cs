namespace ConvenerBot.Core.Persistence;

/// <summary>Carries out due work of one kind (see <see cref="DueWorkDispatcher"/>).</summary>
public interface IDueWorkHandler
{
    /// <summary>The <see cref="DueWork.Kind"/> it handles.</summary>
    string Kind { get; }

    /// <summary>
    /// Does the work, in transactions of its own where it reads or writes the store, and never holding one
    /// while it talks to a platform; returns when the same work is due again (recurring work), or null when
    /// it is done. Throws to have it tried later. The row is removed after it returns, so work interrupted
    /// before that (the process died) is done again once the claim runs out: it must bear a repeat.
    /// </summary>
    Task<DateTimeOffset?> HandleAsync(DueWork work, DateTimeOffset now, CancellationToken cancellationToken);
}
