using System.Collections.Concurrent;

namespace ConvenerBot.Discord;

/// <summary>
/// The thread of each channel's running session, remembered while the process runs, so that what is said
/// through commands typed in the channel itself still reaches the session's thread. After a restart,
/// commands typed in the thread find it from their own channel.
/// </summary>
internal sealed class SessionThreads
{
    private readonly ConcurrentDictionary<string, string> _byChannel = new();

    public void Remember(string channelId, string threadId) => _byChannel[channelId] = threadId;

    public string? Find(string channelId) => _byChannel.TryGetValue(channelId, out var thread) ? thread : null;

    public void Forget(string channelId) => _byChannel.TryRemove(channelId, out _);
}
