using ConvenerBot.Core.Groups;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Conversations;

/// <summary>
/// Posts something the bot says on its own (a reminder, a start notice, a stage's time being up, a prompt
/// of a stage it moved to) in a group's chat, through the platform's gateway, with no transaction open.
/// What is about a session goes into the session's stored space (<see cref="Session.Space"/>); a space that
/// is gone is forgotten and the message goes to the chat itself. A post the platform did not take is thrown
/// back so that its due work is tried again; a chat the bot was removed from marks the group inactive
/// (until it writes again) and the notice is dropped. Private posts to one member go the same way; what the
/// platform says of the member's private chat says nothing of the group's.
/// </summary>
public sealed class GroupNotices(IConvenerStore store, ConversationGateways gateways, TimeProvider time)
{
    public async Task PostAsync(Group group, string text, CancellationToken cancellationToken) =>
        await PostAsync(group, new OutboundMessage(text), null, cancellationToken);

    /// <summary>Posts in the group's chat; a post the platform did not take is thrown back so that its due work is tried again.</summary>
    public async Task PostAsync(Group group, OutboundMessage message, CancellationToken cancellationToken) =>
        await PostAsync(group, message, null, cancellationToken);

    /// <summary>Posts in the group's chat and says what became of it, without throwing for what the platform refused.</summary>
    public Task<PostResult> TryPostAsync(Group group, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        return PostAsync(group, Post(group, message), null, cancellationToken);
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

        return PostAsync(group, Post(group, message) with { PrivatelyTo = member }, null, cancellationToken);
    }

    private static ConversationPost Post(Group group, OutboundMessage message) =>
        new(new ConversationRef(group.Platform, group.ExternalId), message) { Language = group.Language };

    /// <summary>
    /// Posts one message, about <paramref name="session"/> when given (into its space). Returns what the
    /// platform said: <see cref="PostResult.Delivered"/> (with the space a message that opens one opened), or
    /// <see cref="PostResult.ConversationGone"/>, <see cref="PostResult.NotDelivered"/> with
    /// <c>MaybePosted</c>, which are not retried.
    /// </summary>
    public async Task<PostResult> PostAsync(Group group, OutboundMessage message, Session? session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(message);
        var post = Post(group, message) with { Space = session?.Space };
        var result = await PostAsync(group, post, session, cancellationToken);
        return result is PostResult.NotDelivered { MaybePosted: false } or PostResult.SpaceGone or PostResult.PrivateUnreachable
            ? throw new InvalidOperationException($"A notice to group {group.Id} was not delivered: {result}")
            : result;
    }

    /// <summary>
    /// Posts to the group's conversation, into a space of it, or privately to one of its members, and returns
    /// what the platform said, never throwing for it: a space that is gone is left for the chat itself (and
    /// forgotten when it is <paramref name="session"/>'s), a chat that moved takes the group along, a chat
    /// that refuses the bot marks the group inactive.
    /// </summary>
    public async Task<PostResult> PostAsync(Group group, ConversationPost post, Session? session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(post);
        var result = await gateways.PostAsync(post, cancellationToken);
        if (result is PostResult.SpaceGone && post.Space is { } gone)
        {
            // The session's topic or thread was deleted: the session goes on in the chat itself.
            if (session?.Space == gone)
            {
                await ForgetSpaceAsync(session, gone, cancellationToken);
            }

            post = post with { Space = null };
            result = await gateways.PostAsync(post, cancellationToken);
        }

        if (result.MovedTo is { } moved)
        {
            // The chat moved to a new id (a Telegram group became a supergroup): the group's record follows.
            await using var moving = await store.BeginAsync(cancellationToken);
            await moving.Groups.MoveAsync(post.Conversation, moved, cancellationToken);
            await moving.CommitAsync(cancellationToken);
        }

        if (result is PostResult.Delivered { MessageIds: [.., var withButtons] } delivered && post.PrivatelyTo is null && StageButtons.Carries(post.Message))
        {
            // Buttons about a session are taken off once it moves on, after a restart too.
            await using var transaction = await store.BeginAsync(cancellationToken);
            await StageButtons.RecordAsync(transaction, group.Id, withButtons, delivered.Space ?? post.Space, post.Message, time.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (result is PostResult.ConversationGone && post.PrivatelyTo is null)
        {
            await using var transaction = await store.BeginAsync(cancellationToken);
            await transaction.Groups.SetActiveAsync(group.Id, active: false, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>Stores the space a session's start opened (or forgets one that is gone), unless it changed meanwhile.</summary>
    public async Task UseSpaceAsync(Session session, string? space, string? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var transaction = await store.BeginAsync(cancellationToken);
        if (await transaction.Sessions.FindByIdAsync(session.GroupId, session.Id, forUpdate: true, cancellationToken) is { } stored && stored.Space == expected)
        {
            stored.UseSpace(space);
            await transaction.Sessions.SaveAsync(stored, cancellationToken);
            if (space != expected)
            {
                // The session's event links to its space, or to the chat once the space is gone.
                await SessionMirror.WriteAsync(transaction, stored, time.GetUtcNow(), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        session.UseSpace(space);
    }

    private Task ForgetSpaceAsync(Session session, string gone, CancellationToken cancellationToken) => UseSpaceAsync(session, null, gone, cancellationToken);
}
