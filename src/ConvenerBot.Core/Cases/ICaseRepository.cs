namespace ConvenerBot.Core.Cases;

public interface ICaseRepository
{
    Task<Case> AddAsync(long groupId, int number, long holderId, string title, string? description, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The group's case with that number, or null; cases of other groups are never returned.</summary>
    Task<Case?> FindAsync(long groupId, int number, CancellationToken cancellationToken);

    /// <summary>The group's case with that row id, or null.</summary>
    Task<Case?> FindByIdAsync(long groupId, long caseId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Case>> ListAsync(long groupId, CancellationToken cancellationToken);

    Task SetStatusAsync(long caseId, CaseStatus status, CancellationToken cancellationToken);
}
