using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConvenerBot.Discord;

/// <summary>
/// The work an interaction leaves for after its first response (completing a deferral, follow-ups, threads).
/// It runs apart from the request and is kept until it is done; whatever it throws is logged once. When the
/// host begins to stop, the work's token is cancelled and the work gets <see cref="Grace"/> to end; what is
/// cut short or still running then is logged as lost (what, and for which interaction; never its token).
/// </summary>
internal sealed partial class InteractionWork : IDisposable
{
    private readonly ConcurrentDictionary<Entry, byte> _running = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _token;
    private readonly CancellationTokenRegistration _registration;
    private readonly ILogger<InteractionWork> _logger;

    public InteractionWork(IHostApplicationLifetime lifetime, ILogger<InteractionWork> logger)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        _logger = logger;
        _token = _stopping.Token;
        _registration = lifetime.ApplicationStopping.Register(Stop);
    }

    /// <summary>How long stopping waits for cancelled work to end.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Cancelled when the host begins to stop; work for an interaction passes it on.</summary>
    public CancellationToken Stopping => _token;

    /// <summary>The work started and not yet ended.</summary>
    public int Pending => _running.Count;

    public void Start(AfterResponse work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var entry = new Entry(work.InteractionId, work.What);
        _running.TryAdd(entry, 0);
        _ = Task.Run(() => RunAsync(entry, work.RunAsync), CancellationToken.None);
    }

    public void Dispose()
    {
        _registration.Dispose();
        _stopping.Dispose();
    }

    private async Task RunAsync(Entry entry, Func<CancellationToken, Task> work)
    {
        try
        {
            await work(_token);
        }
        catch (OperationCanceledException) when (_token.IsCancellationRequested)
        {
            Lost(entry);
        }
        catch (Exception ex)
        {
            // Everything the work did not handle itself, e.g. ObjectDisposedException once the host is gone.
            LogFailed(_logger, ex, entry.InteractionId, entry.What);
        }
        finally
        {
            _running.TryRemove(entry, out _);
            entry.Done.TrySetResult();
        }
    }

    private void Stop()
    {
        _stopping.Cancel();
        var running = _running.Keys.ToList();
        if (running.Count == 0)
        {
            return;
        }

        Task.WhenAll(running.Select(e => e.Done.Task)).Wait(Grace);
        foreach (var entry in _running.Keys)
        {
            Lost(entry);
        }
    }

    private void Lost(Entry entry)
    {
        if (entry.Report())
        {
            LogLost(_logger, entry.InteractionId, entry.What);
        }
    }

    [LoggerMessage(EventId = 5020, Level = LogLevel.Error, Message = "Work for Discord interaction {InteractionId} ({What}) failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string interactionId, string what);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Error, Message = "Work for Discord interaction {InteractionId} ({What}) did not finish before the bot stopped and is lost")]
    private static partial void LogLost(ILogger logger, string interactionId, string what);

    private sealed class Entry(string interactionId, string what)
    {
        private int _reported;

        public string InteractionId { get; } = interactionId;

        public string What { get; } = what;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>True the first time only, so a loss is logged once.</summary>
        public bool Report() => Interlocked.Exchange(ref _reported, 1) == 0;
    }
}
