using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ConvenerBot.Core.Persistence;
using Microsoft.Extensions.Logging;

namespace ConvenerBot.Core.Conversations;

/// <summary>
/// Messages to post, kept in the store until they are out. A command's answer is written here in the
/// command's own transaction, held for the adapter that delivers it at once (<see cref="Reply.Ticket"/>);
/// the adapter settles it when done (<see cref="IConvener.SettleAsync"/>). What the adapter could not
/// deliver, and everything of an adapter that died before settling, is posted from here through the
/// platform's gateway once the hold runs out: nothing a member was told was saved is lost, and a command
/// that rolled back posts nothing. The rows are due work of kind <see cref="WorkKind"/>, so they share the
/// dispatcher's claims, retries and take-over.
/// </summary>
/// <remarks>
/// At most one repeat: a process that dies after the platform took a message and before the row was
/// settled posts it again (on Discord the message's nonce, derived from the row, lets the platform drop
/// the repeat within its few minutes).
/// </remarks>
public sealed partial class Outbox(IConvenerStore store, ConversationGateways gateways, GroupNotices notices, ILogger<Outbox> logger) : IDueWorkHandler
{
    public const string WorkKind = "post";

    /// <summary>How long an answer waits for an adapter that did not say how long it may take (<see cref="Inbound.AnswerWithin"/>).</summary>
    public static readonly TimeSpan DefaultAnswerWithin = TimeSpan.FromMinutes(2);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Kind => WorkKind;

    /// <summary>
    /// Writes messages to post in the current transaction. With <paramref name="heldBy"/> the row is held
    /// for that long by whoever delivers it at once (the adapter answering a command), else it is due now.
    /// </summary>
    public static async Task<OutboxTicket> WriteAsync(
        IStoreTransaction transaction, long groupId, OutboxPost post, DateTimeOffset now, (string Holder, TimeSpan For)? heldBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(post);
        var work = new DueWork(0, groupId, WorkKind, null, JsonSerializer.Serialize(post, Json), now, now)
        {
            ClaimedBy = heldBy?.Holder,
            ClaimedUntil = heldBy is { } held ? now + held.For : null,
        };
        return new OutboxTicket(await transaction.DueWork.AddAsync(work, cancellationToken), heldBy?.Holder ?? "");
    }

    /// <summary>
    /// The adapter is done with a held post: removes it, and writes the messages it did not deliver (their
    /// places in the post, in order) to be posted from here. False when the hold had run out and the outbox
    /// took the post over.
    /// </summary>
    public static async Task<bool> SettleAsync(
        IStoreTransaction transaction, OutboxTicket ticket, IReadOnlyCollection<int> undelivered, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(undelivered);
        var held = await transaction.DueWork.FindAsync(ticket.Id, cancellationToken);
        if (held is null || !await transaction.DueWork.CompleteAsync(ticket.Id, ticket.Holder, cancellationToken, alone: undelivered.Count == 0))
        {
            return false;
        }

        if (undelivered.Count > 0 && held.GroupId is { } groupId && Read(held.Payload) is { } post)
        {
            var rest = post with { Messages = [.. post.Messages.Where((_, index) => undelivered.Contains(index))] };
            await WriteAsync(transaction, groupId, rest, now, heldBy: null, cancellationToken);
        }

        return true;
    }

    public async Task<DateTimeOffset?> HandleAsync(DueWork work, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Read(work.Payload) is not { } post || work.GroupId is not { } groupId)
        {
            LogUnreadable(logger, work.Id);
            return null;
        }

        Groups.Group? group;
        await using (var reading = await store.BeginReadAsync(cancellationToken))
        {
            group = await reading.Groups.FindByIdAsync(groupId, cancellationToken);
        }

        if (group is not { Active: true })
        {
            // The bot was removed from the chat: there is no one to post to until it writes again.
            LogInactive(logger, work.Id, groupId);
            return null;
        }

        var gateway = gateways.Find(group.Platform) ?? throw new InvalidOperationException($"No gateway posts to the platform '{group.Platform}'.");
        var conversation = new ConversationRef(group.Platform, group.ExternalId);
        var space = post.Space;
        var replyTo = post.ReplyTo;
        var remaining = post.Messages.ToList();
        for (var index = 0; index < post.Messages.Count; index++)
        {
            var message = post.Messages[index];
            if (message.Purpose is MessagePurpose.Echo && !gateway.PostsEchoes)
            {
                remaining.Remove(message);
                continue;
            }

            var privately = post.Member is { } member && (message.Confidential || post.Private) ? member : (MemberRef?)null;
            var result = await notices.PostAsync(group, new ConversationPost(conversation, message)
            {
                Space = space,
                ReplyTo = privately is null ? replyTo : null,
                PrivatelyTo = privately,
                Language = post.Language,
                Nonce = string.Create(CultureInfo.InvariantCulture, $"o{work.Id}m{index}"),
            }, null, cancellationToken);
            if (result is PostResult.PrivateUnreachable && !message.Confidential)
            {
                // A private answer that is no record of a session may be shown where it was asked.
                result = await notices.PostAsync(group, new ConversationPost(conversation, message)
                {
                    Space = space, ReplyTo = replyTo, Language = post.Language, Nonce = string.Create(CultureInfo.InvariantCulture, $"o{work.Id}g{index}"),
                }, null, cancellationToken);
            }

            switch (result)
            {
                case PostResult.NotDelivered { MaybePosted: false } failed:
                    // Keep what is left (this message on) for the retry; what went out is not posted twice.
                    await KeepRestAsync(work, post with { Messages = remaining, Space = space, ReplyTo = replyTo }, cancellationToken);
                    throw new InvalidOperationException($"Posting outbox #{work.Id} was not finished: {failed.Reason}");
                case PostResult.ConversationGone:
                    return null;
                case PostResult.PrivateUnreachable:
                    LogPrivateUnreachable(logger, work.Id);
                    break;
                case PostResult.Delivered delivered when privately is null:
                    if (message is { SpaceSession: { } opened } && delivered.Space is { } newSpace && newSpace != space)
                    {
                        await RecordSpaceAsync(groupId, opened, newSpace, now, cancellationToken);
                    }

                    space = delivered.Space ?? space;
                    replyTo = null;
                    await RecordPromptAsync(groupId, message, delivered, now, cancellationToken);
                    break;
            }

            remaining.Remove(message);
        }

        return null;
    }

    /// <summary>Rewrites a held row's payload to what is still to post, so that a retry does not repeat the rest.</summary>
    private async Task KeepRestAsync(DueWork work, OutboxPost rest, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginAsync(cancellationToken);
        await transaction.DueWork.SetPayloadAsync(work.Id, work.ClaimedBy ?? "", JsonSerializer.Serialize(rest, Json), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The space a session's start message opened is stored with the session, as when an adapter posts it.</summary>
    private async Task RecordSpaceAsync(long groupId, int sessionNumber, string space, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginAsync(cancellationToken);
        if (await transaction.Sessions.FindAsync(groupId, sessionNumber, forUpdate: true, cancellationToken) is { } session)
        {
            var moved = session.Space != space;
            session.UseSpace(space);
            await transaction.Sessions.SaveAsync(session, cancellationToken);
            if (moved)
            {
                // The session's event links to its space now.
                await Sessions.SessionMirror.WriteAsync(transaction, session, now, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>A stage prompt posted from here is known by its message ids, as one the adapter posted.</summary>
    private async Task RecordPromptAsync(long groupId, OutboundMessage message, PostResult.Delivered delivered, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (message is not { Stage: { } stage, Actions.Count: > 0 } || message.Actions.Contains(StageAction.ConfirmEnd))
        {
            return;
        }

        await using var transaction = await store.BeginAsync(cancellationToken);
        if (await transaction.Sessions.FindAsync(groupId, stage.SessionNumber, forUpdate: false, cancellationToken) is { } session)
        {
            foreach (var id in delivered.MessageIds)
            {
                await transaction.Prompts.RecordAsync(groupId, id, session.Id, stage.StageNumber - 1, now, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static OutboxPost? Read(string? payload)
    {
        try
        {
            return payload is null ? null : JsonSerializer.Deserialize<OutboxPost>(payload, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Error, Message = "Outbox #{Id} cannot be read; it is dropped")]
    private static partial void LogUnreadable(ILogger logger, long id);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "Outbox #{Id} is for group {GroupId}, which the bot is no longer in; it is dropped")]
    private static partial void LogInactive(ILogger logger, long id, long groupId);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Warning, Message = "A private message of outbox #{Id} could not reach its member privately and was not posted")]
    private static partial void LogPrivateUnreachable(ILogger logger, long id);
}

/// <summary>What an outbox row posts: messages for one conversation, in order.</summary>
/// <param name="Member">The member the messages answer; private and confidential messages go to them only.</param>
/// <param name="Space">The session's space the messages go into (a forum topic, a thread), if any.</param>
/// <param name="ReplyTo">The member's message the first message answers, if the platform quotes.</param>
/// <param name="Private">True when the answer is meant only for the member (<see cref="Reply.Private"/>).</param>
public sealed record OutboxPost(IReadOnlyList<OutboundMessage> Messages, MemberRef? Member, string? Space, string? ReplyTo, string Language, bool Private);

/// <summary>Names a held outbox row, for the adapter to settle it.</summary>
public sealed record OutboxTicket(long Id, string Holder);
