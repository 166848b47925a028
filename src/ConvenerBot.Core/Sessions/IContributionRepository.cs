namespace ConvenerBot.Core.Sessions;

public interface IContributionRepository
{
    Task<long> AddAsync(long sessionId, long memberId, string stageKey, ContributionKind kind, string text, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The session's contributions in the order they were given.</summary>
    Task<IReadOnlyList<Contribution>> ListAsync(long sessionId, CancellationToken cancellationToken);
}
