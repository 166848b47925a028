using System.Collections.Concurrent;
using System.Threading.Channels;
using Telegram.Bot.Types;

namespace ConvenerBot.Telegram;

/// <summary>
/// One ordered queue per chat: updates of a chat are handled strictly one after another, while different
/// chats are handled in parallel, so one slow group never stalls the others.
/// </summary>
internal sealed class ChatQueues(UpdateHandler handler) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, Channel<(Update Update, TaskCompletionSource Done)>> _queues = new();
    private readonly ConcurrentBag<Task> _workers = [];
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Queues the update behind the chat's earlier ones; the task completes once it was handled.</summary>
    public Task EnqueueAsync(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = _queues.GetOrAdd(UpdateHandler.ChatKey(update), _ => Start());
        if (!queue.Writer.TryWrite((update, done)))
        {
            done.TrySetCanceled();
        }

        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var queue in _queues.Values)
        {
            queue.Writer.TryComplete();
        }

        await Task.WhenAll(_workers);
        _stopping.Dispose();
    }

    private Channel<(Update, TaskCompletionSource)> Start()
    {
        var channel = Channel.CreateUnbounded<(Update, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
        _workers.Add(Task.Run(() => WorkAsync(channel.Reader)));
        return channel;
    }

    private async Task WorkAsync(ChannelReader<(Update Update, TaskCompletionSource Done)> reader)
    {
        try
        {
            await foreach (var (update, done) in reader.ReadAllAsync(_stopping.Token))
            {
                try
                {
                    await handler.HandleAsync(update, _stopping.Token);
                    done.TrySetResult();
                }
                finally
                {
                    // Stopping in the middle of an update: whoever waits for it (a webhook request) is released.
                    done.TrySetCanceled();
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }

        while (reader.TryRead(out var left))
        {
            left.Done.TrySetCanceled();
        }
    }
}
