namespace ConvenerBot.Core.Persistence;

/// <summary>Carries out due work of one kind (see <see cref="DueWorkDispatcher"/>).</summary>
public interface IDueWorkHandler
{
    /// <summary>The <see cref="DueWork.Kind"/> it handles.</summary>
    string Kind { get; }

    /// <summary>
    /// Does the work inside <paramref name="transaction"/>, which also removes the row; returns when the
    /// same work is due again (recurring work), or null when it is done. Throws to have it tried later.
    /// </summary>
    Task<DateTimeOffset?> HandleAsync(DueWork work, IStoreTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken);
}
