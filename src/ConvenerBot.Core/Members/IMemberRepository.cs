namespace ConvenerBot.Core.Members;

public interface IMemberRepository
{
    /// <summary>
    /// Finds the member by platform id, creating them on first contact as a member, or, when
    /// <paramref name="firstMemberOrganizes"/> is set (the local terminal chat), as the organizer if the
    /// group has no member yet. A changed display name or handle is updated; a handle now held by this
    /// member is taken from anyone in the group who held it before.
    /// </summary>
    Task<Member> GetOrCreateAsync(long groupId, MemberProfile profile, bool firstMemberOrganizes, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The member, when their stored record already matches <paramref name="profile"/>; null when
    /// <see cref="GetOrCreateAsync"/> would have to create or update it. Only reads.
    /// </summary>
    Task<Member?> FindCurrentAsync(long groupId, MemberProfile profile, CancellationToken cancellationToken);

    /// <summary>The member of the group whose platform username is <paramref name="handle"/> (lower case), if the bot has seen them use it.</summary>
    Task<Member?> FindByHandleAsync(long groupId, string handle, CancellationToken cancellationToken);

    Task<IReadOnlyList<Member>> ListAsync(long groupId, CancellationToken cancellationToken);

    /// <summary>Every group of this platform the person belongs to, with their membership there (for their private chat).</summary>
    Task<IReadOnlyList<(Groups.Group Group, Member Member)>> ListMembershipsAsync(string platform, string externalId, CancellationToken cancellationToken);

    Task SetRoleAsync(long memberId, Role role, CancellationToken cancellationToken);
}
