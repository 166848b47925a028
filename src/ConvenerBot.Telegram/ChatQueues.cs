using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;

namespace ConvenerBot.Telegram;

/// <summary>
/// One ordered queue per chat: updates of a chat are handled strictly one after another, while different
/// chats are handled in parallel, so one slow group never stalls the others. An update the store could
/// not take is handed in again, with growing pauses, before any later update of its chat; when the bot
/// stops meanwhile it stays unconfirmed, so Telegram delivers it again after a restart.
/// <para>
/// A chat's worker ends, and its queue is dropped, once the queue is empty; the chat's next update starts
/// a new one. Both happen under one lock, so an update is never left in a queue nobody reads.
/// </para>
/// </summary>
internal sealed class ChatQueues(UpdateHandler handler, TelegramOptions options, TimeProvider time, ILogger<ChatQueues> logger) : IAsyncDisposable
{
    private static readonly TimeSpan LongestStoreRetry = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly Dictionary<long, Queue<(Update Update, TaskCompletionSource Done)>> _queues = [];
    private readonly Dictionary<long, Task> _workers = [];
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>How many chats have a queue (and a worker) just now.</summary>
    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _queues.Count;
            }
        }
    }

    /// <summary>Queues the update behind the chat's earlier ones; the task completes once it was handled.</summary>
    public Task EnqueueAsync(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var chatId = UpdateHandler.ChatKey(update);
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                done.TrySetCanceled();
                return done.Task;
            }

            if (!_queues.TryGetValue(chatId, out var queue))
            {
                _queues[chatId] = queue = new();
                // The worker takes the lock before anything else, so it is registered before it can end.
                _workers[chatId] = Task.Run(() => WorkAsync(chatId, queue));
            }

            queue.Enqueue((update, done));
        }

        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Task[] workers;
        lock (_gate)
        {
            workers = [.. _workers.Values];
        }

        await Task.WhenAll(workers);
        _stopping.Dispose();
    }

    private async Task WorkAsync(long chatId, Queue<(Update Update, TaskCompletionSource Done)> queue)
    {
        while (true)
        {
            (Update Update, TaskCompletionSource Done) next;
            lock (_gate)
            {
                if (_stopping.IsCancellationRequested || !queue.TryDequeue(out next))
                {
                    // Stopping: whoever waits for a queued update (a webhook request) is released.
                    while (queue.TryDequeue(out var left))
                    {
                        left.Done.TrySetCanceled();
                    }

                    _queues.Remove(chatId);
                    _workers.Remove(chatId);
                    return;
                }
            }

            try
            {
                for (var attempt = 0; !await handler.HandleAsync(next.Update, _stopping.Token); attempt++)
                {
                    var delay = Backoff.Delay(options.StoreRetryDelay, attempt, LongestStoreRetry);
                    Log.StoreRetry(logger, next.Update.Id, delay);
                    await Task.Delay(delay, time, _stopping.Token);
                }

                next.Done.TrySetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
            }
            finally
            {
                // Stopping in the middle of an update: whoever waits for it is released.
                next.Done.TrySetCanceled();
            }
        }
    }
}
