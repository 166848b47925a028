namespace ConvenerBot.Core.Members;

public interface IMemberRepository
{
    /// <summary>
    /// Finds the member, creating them on first contact; the first member of a group becomes its organizer.
    /// A changed display name is updated.
    /// </summary>
    Task<Member> GetOrCreateAsync(long groupId, string externalId, string displayName, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<Member>> ListAsync(long groupId, CancellationToken cancellationToken);

    Task SetRoleAsync(long memberId, Role role, CancellationToken cancellationToken);
}
