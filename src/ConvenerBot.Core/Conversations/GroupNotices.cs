using ConvenerBot.Core.Groups;
using ConvenerBot.Core.Persistence;

namespace ConvenerBot.Core.Conversations;

/// <summary>
/// Posts something the bot says on its own (a reminder, a stage's time being up) in a group's chat,
/// through the platform's gateway, with no transaction open. A post the platform did not take is thrown
/// back so that its due work is tried again; a chat the bot was removed from marks the group inactive
/// (until it writes again) and the notice is dropped.
/// </summary>
public sealed class GroupNotices(IConvenerStore store, ConversationGateways gateways)
{
    public async Task PostAsync(Group group, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        var post = new ConversationPost(new ConversationRef(group.Platform, group.ExternalId), new OutboundMessage(text)) { Language = group.Language };
        if (await PostAsync(group, post, cancellationToken) is PostResult.NotDelivered { MaybePosted: false } failed)
        {
            throw new InvalidOperationException($"A notice to group {group.Id} was not delivered: {failed.Reason}");
        }
    }

    /// <summary>
    /// Posts to the group's conversation (or privately to one of its members) and returns what the platform
    /// said, having followed the group to a new id or marked it inactive where the platform said so.
    /// </summary>
    public async Task<PostResult> PostAsync(Group group, ConversationPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(post);
        var result = await gateways.PostAsync(post, cancellationToken);
        if (result.MovedTo is { } moved)
        {
            // The chat moved to a new id (a Telegram group became a supergroup): the group's record follows.
            await using var moving = await store.BeginAsync(cancellationToken);
            await moving.Groups.MoveAsync(post.Conversation, moved, cancellationToken);
            await moving.CommitAsync(cancellationToken);
        }

        if (result is PostResult.ConversationGone)
        {
            await using var transaction = await store.BeginAsync(cancellationToken);
            await transaction.Groups.SetActiveAsync(group.Id, active: false, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }
}
