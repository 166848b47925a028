using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using ConvenerBot.Core.Calendar;
using ConvenerBot.Core.Conversations;
using Microsoft.Extensions.Logging;

namespace ConvenerBot.Discord;

/// <summary>
/// Discord's <see cref="IConversationGateway"/>: posts as the bot into a channel, a session's thread
/// (<see cref="ConversationPost.Space"/>: the thread's id), or a member's direct messages (the channel is
/// opened with <c>POST users/@me/channels</c> and remembered). A message that opens a space opens a public
/// thread and is posted in the channel with a link to it. Every part says <c>allowed_mentions: {parse: []}</c>
/// and carries a nonce. A 403 or 404 is <see cref="PostResult.ConversationGone"/> (in direct messages,
/// <see cref="PostResult.PrivateUnreachable"/>; in a session's thread, <see cref="PostResult.SpaceGone"/>, so the
/// caller can post in the channel instead); giving up is <see cref="PostResult.NotDelivered"/>.
/// A message with a calendar (<c>/session ics</c>) carries the .ics file as an attachment on its last part.
/// Interaction responses and follow-ups are another API and stay with <see cref="InteractionResponder"/>.
/// Sessions are shown as the server's scheduled events by <see cref="GuildEvents"/>.
/// </summary>
internal sealed partial class DiscordGateway(DiscordRest rest, SessionThreads threads, GuildEvents events, ICalendarFiles calendarFiles, ILogger<DiscordGateway> logger) : IConversationGateway
{
    public const string PlatformName = "discord";

    private readonly ConcurrentDictionary<string, string> _directChannels = new();

    public string Platform => PlatformName;

    /// <summary>Members see that someone used a slash command, not what they typed: contributions are shown to the group.</summary>
    public bool PostsEchoes => true;

    public async Task<PostResult> PostAsync(ConversationPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var parts = DiscordMessages.Render(post.Message, ephemeral: false, post.Language);
        var file = post.Message.Calendar is { } calendar ? calendarFiles.Write(calendar) : null;
        if (post.PrivatelyTo is { } member)
        {
            var opened = await DirectChannelAsync(member.Id, cancellationToken);
            return opened.Channel is { } direct ? await PostPartsAsync(direct, parts, privately: true, cancellationToken, post.Nonce, file) : opened.Failure!;
        }

        var space = post.Space;
        if (space is null && post.Message.OpensSpace is { } title && await OpenThreadAsync(post.Conversation.Id, title, cancellationToken) is { } thread)
        {
            space = thread;
            parts[0]["content"] = parts[0]["content"]!.GetValue<string>() + DiscordMessages.ThreadLink(thread, post.Language);
        }

        if (post.ReplyTo is { } replyTo)
        {
            parts[0]["message_reference"] = new JsonObject { ["message_id"] = replyTo, ["fail_if_not_exists"] = false };
        }

        // A message that opened a thread is its announcement in the channel; later ones go into the thread.
        var result = await PostPartsAsync(post.Space ?? post.Conversation.Id, parts, privately: false, cancellationToken, post.Nonce, file);
        if (result is PostResult.ConversationGone gone && post.Space is { } asked)
        {
            // The session's thread was deleted (or the bot may no longer post in it): the channel may still take it.
            if (threads.Find(post.Conversation.Id) == asked)
            {
                threads.Forget(post.Conversation.Id);
            }

            return new PostResult.SpaceGone(gone.Reason);
        }

        return result is PostResult.Delivered delivered ? delivered with { Space = space } : result;
    }

    /// <summary>
    /// Takes the buttons off a message the bot posted in the channel or the session's thread (its text stays).
    /// A message, thread or channel that is gone, or that the bot may no longer edit, has none left to take off.
    /// </summary>
    public async Task<PostResult> ClearActionsAsync(ConversationRef conversation, string? space, string messageId, CancellationToken cancellationToken)
    {
        try
        {
            await rest.EditMessageAsync(space ?? conversation.Id, messageId, new JsonObject { ["components"] = new JsonArray() }, cancellationToken);
            return new PostResult.Delivered([messageId], space);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is { } status && (int)status is >= 400 and < 500 && status is not HttpStatusCode.TooManyRequests)
        {
            return new PostResult.Delivered([], space);
        }
        catch (HttpRequestException ex)
        {
            return new PostResult.NotDelivered(ex.Message);
        }
    }

    /// <summary>Shows a session as a scheduled event of the channel's server (see <see cref="GuildEvents"/>).</summary>
    public Task<EventResult> MirrorSessionAsync(ConversationRef conversation, SessionEvent session, MirroredEvent? current, CancellationToken cancellationToken) =>
        events.MirrorAsync(conversation, session, current, cancellationToken);

    /// <summary>
    /// Posts parts already rendered, as they are (the responder renders for the interaction API too), in
    /// order; stops at the first that is not posted.
    /// </summary>
    /// <param name="privately">A direct-message channel: a refusal there means the member cannot be reached.</param>
    /// <param name="nonce">The post's own key (<see cref="ConversationPost.Nonce"/>), from which each part's nonce is made.</param>
    /// <param name="file">A file to attach to the last part, or null.</param>
    public async Task<PostResult> PostPartsAsync(
        string channelId, IReadOnlyList<JsonObject> parts, bool privately, CancellationToken cancellationToken, string? nonce = null, CalendarFile? file = null)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var ids = new List<string>();
        foreach (var part in parts)
        {
            try
            {
                // Discord takes nonces of at most 25 characters.
                var partNonce = nonce is null ? null : $"{nonce}p{ids.Count}" is var n && n.Length <= 25 ? n : null;
                ids.Add(await rest.PostMessageAsync(channelId, part, cancellationToken, partNonce, ids.Count == parts.Count - 1 ? file : null));
            }
            catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                return privately ? new PostResult.PrivateUnreachable(ex.Message) : new PostResult.ConversationGone(ex.Message);
            }
            catch (DeliveryUncertainException ex)
            {
                return new PostResult.NotDelivered(ex.Message, MaybePosted: true);
            }
            catch (HttpRequestException ex)
            {
                return new PostResult.NotDelivered(ex.Message);
            }
        }

        return new PostResult.Delivered(ids, null);
    }

    /// <summary>
    /// A public thread for a session, remembered as the channel's session thread; null (and a log line) when
    /// Discord does not open one, so the session continues in the channel.
    /// </summary>
    public async Task<string?> OpenThreadAsync(string channelId, string title, CancellationToken cancellationToken)
    {
        try
        {
            var thread = await rest.CreateThreadAsync(channelId, title, cancellationToken);
            threads.Remember(channelId, thread);
            return thread;
        }
        catch (HttpRequestException ex)
        {
            LogThreadFailed(logger, ex);
            return null;
        }
    }

    private async Task<(string? Channel, PostResult? Failure)> DirectChannelAsync(string userId, CancellationToken cancellationToken)
    {
        if (_directChannels.TryGetValue(userId, out var known))
        {
            return (known, null);
        }

        try
        {
            var channel = await rest.OpenDirectChannelAsync(userId, cancellationToken);
            _directChannels[userId] = channel;
            return (channel, null);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is { } status && (int)status is >= 400 and < 500)
        {
            return (null, new PostResult.PrivateUnreachable(ex.Message));
        }
        catch (HttpRequestException ex)
        {
            return (null, new PostResult.NotDelivered(ex.Message));
        }
    }

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Could not open a thread for the session; it continues in the channel")]
    private static partial void LogThreadFailed(ILogger logger, Exception exception);
}
