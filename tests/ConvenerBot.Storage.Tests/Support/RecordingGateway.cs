using System.Globalization;
using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Storage.Tests.Support;

/// <summary>
/// The adapter boundary for the "test" platform: records what would be posted and says it was delivered,
/// each message with an id of its own. A message that opens a space opens one named after its message
/// (<c>space-N</c>); spaces named in <see cref="Gone"/> answer <see cref="PostResult.SpaceGone"/>.
/// </summary>
public sealed class RecordingGateway : IConversationGateway
{
    private readonly Lock _gate = new();
    private readonly List<ConversationPost> _posts = [];

    public string Platform => "test";

    private readonly List<(string? Space, string MessageId)> _cleared = [];

    /// <summary>Spaces deleted on the platform: posts into them are refused.</summary>
    public HashSet<string> Gone { get; } = [];

    /// <summary>How many of the next requests to take buttons off fail as a platform's server error would.</summary>
    public int ClearFailures { get; set; }

    /// <summary>The messages whose buttons were taken off, in order.</summary>
    public IReadOnlyList<(string? Space, string MessageId)> Cleared
    {
        get
        {
            lock (_gate)
            {
                return [.. _cleared];
            }
        }
    }

    public Task<PostResult> ClearActionsAsync(ConversationRef conversation, string? space, string messageId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (ClearFailures > 0)
            {
                ClearFailures--;
                return Task.FromResult<PostResult>(new PostResult.NotDelivered("502 Bad Gateway"));
            }

            _cleared.Add((space, messageId));
            return Task.FromResult<PostResult>(new PostResult.Delivered([messageId], space));
        }
    }

    /// <summary>What the platform answers to a session's event; by default it keeps one event per session (<c>event-N</c>, N its number).</summary>
    public Func<SessionEvent, MirroredEvent?, EventResult>? MirrorAnswer { get; set; }

    /// <summary>The sessions shown as events, with the event kept before, in order.</summary>
    public IReadOnlyList<(SessionEvent Session, MirroredEvent? Current)> Mirrored
    {
        get
        {
            lock (_gate)
            {
                return [.. _mirrored];
            }
        }
    }

    private readonly List<(SessionEvent Session, MirroredEvent? Current)> _mirrored = [];

    public Task<EventResult> MirrorSessionAsync(ConversationRef conversation, SessionEvent session, MirroredEvent? current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_gate)
        {
            _mirrored.Add((session, current));
            return Task.FromResult(MirrorAnswer?.Invoke(session, current)
                ?? new EventResult.Mirrored(new MirroredEvent(current?.Id ?? $"event-{session.Number}", session.Status)));
        }
    }

    public IReadOnlyList<ConversationPost> PostsTo(Chat chat)
    {
        lock (_gate)
        {
            return [.. _posts.Where(p => p.Conversation == chat.Conversation)];
        }
    }

    /// <summary>The message id the post was given.</summary>
    public string IdOf(ConversationPost post)
    {
        lock (_gate)
        {
            return (_posts.IndexOf(post) + 1).ToString(CultureInfo.InvariantCulture);
        }
    }

    public Task<PostResult> PostAsync(ConversationPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        lock (_gate)
        {
            if (post.Space is { } space && Gone.Contains(space))
            {
                return Task.FromResult<PostResult>(new PostResult.SpaceGone("thread not found"));
            }

            _posts.Add(post);
            var id = _posts.Count.ToString(CultureInfo.InvariantCulture);
            var opened = post.Space is null && post.Message.OpensSpace is not null ? $"space-{id}" : post.Space;
            return Task.FromResult<PostResult>(new PostResult.Delivered([id], opened));
        }
    }
}
