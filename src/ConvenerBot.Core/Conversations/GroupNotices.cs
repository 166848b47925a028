using ConvenerBot.Core.Groups;
using ConvenerBot.Core.Persistence;

namespace ConvenerBot.Core.Conversations;

/// <summary>
/// Posts something the bot says on its own (a reminder, a stage's time being up) in a group's chat, or
/// privately to one of its members, through the platform's gateway, with no transaction open. What the
/// platform says of the group's chat is followed up here, in one place: a chat the bot was removed from
/// marks the group inactive (until it writes again), a chat that moved to a new id takes the group along.
/// </summary>
public sealed class GroupNotices(IConvenerStore store, ConversationGateways gateways)
{
    public Task PostAsync(Group group, string text, CancellationToken cancellationToken) =>
        PostAsync(group, new OutboundMessage(text), cancellationToken);

    /// <summary>
    /// Posts in the group's chat. A post the platform did not take is thrown back so that its due work is
    /// tried again; in a chat the bot was removed from the notice is dropped.
    /// </summary>
    public async Task PostAsync(Group group, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (await TryPostAsync(group, message, cancellationToken) is PostResult.NotDelivered { MaybePosted: false } failed)
        {
            throw new InvalidOperationException($"A notice to group {group.Id} was not delivered: {failed.Reason}");
        }
    }

    /// <summary>Posts in the group's chat and says what became of it, without throwing for what the platform refused.</summary>
    public Task<PostResult> TryPostAsync(Group group, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        return SendAsync(group, Post(group, message), cancellationToken);
    }

    /// <summary>
    /// Posts to one member of the group privately (their private chat with the bot) and says what became of it:
    /// <see cref="PostResult.PrivateUnreachable"/> when the member never opened one. Nothing else is told.
    /// </summary>
    public Task<PostResult> PostPrivatelyAsync(Group group, MemberRef member, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (member.Platform != group.Platform)
        {
            throw new ArgumentException($"Member {member} is not on the group's platform '{group.Platform}'.", nameof(member));
        }

        return SendAsync(group, Post(group, message) with { PrivatelyTo = member }, cancellationToken);
    }

    private static ConversationPost Post(Group group, OutboundMessage message) =>
        new(new ConversationRef(group.Platform, group.ExternalId), message) { Language = group.Language };

    private async Task<PostResult> SendAsync(Group group, ConversationPost post, CancellationToken cancellationToken)
    {
        var result = await gateways.PostAsync(post, cancellationToken);
        if (result.MovedTo is { } moved)
        {
            // The chat moved to a new id (a Telegram group became a supergroup): the group's record follows.
            await using var moving = await store.BeginAsync(cancellationToken);
            await moving.Groups.MoveAsync(post.Conversation, moved, cancellationToken);
            await moving.CommitAsync(cancellationToken);
        }

        if (result is PostResult.ConversationGone && post.PrivatelyTo is null)
        {
            await using var transaction = await store.BeginAsync(cancellationToken);
            await transaction.Groups.SetActiveAsync(group.Id, active: false, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }
}
