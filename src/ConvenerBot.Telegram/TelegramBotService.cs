using ConvenerBot.Core.Conversations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ConvenerBot.Telegram;

/// <summary>
/// The adapter's background service: checks the token, registers the command menus, then receives
/// updates by long polling (or sets the webhook and lets the endpoint receive them).
/// <para>
/// Polling confirms an update to Telegram (moves the offset past it) only once it has been handled, so a
/// crash loses nothing: unconfirmed updates come again, and the engine's delivery log makes a second
/// delivery of a handled one do nothing.
/// </para>
/// </summary>
internal sealed class TelegramBotService(
    ITelegramBotClient bot,
    LenientUpdateReader lenient,
    TelegramOptions options,
    BotIdentity identity,
    ChatQueues queues,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<TelegramBotService> logger) : BackgroundService
{
    internal static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.MyChatMember];

    private static readonly TimeSpan FirstPollPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPollPause = TimeSpan.FromSeconds(30);

    // A poll that brought nothing new (all of it still being handled) is repeated as soon as something is
    // done, or after this long for updates that came meanwhile. The signal is taken before each poll and
    // fires once, so finished updates cannot pile up into back-to-back polls; a pause of its own would
    // only add latency to every update of a busy bot.
    private static readonly TimeSpan QuietPollWait = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private readonly SortedSet<int> _inFlight = [];
    private TaskCompletionSource _progress = NewSignal();
    private int _highest = -1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var me = await ConnectAsync(stoppingToken);
            if (me is null)
            {
                return;
            }

            identity.Set(me);
            await bot.SetMyCommands(TelegramCommands.Members, new BotCommandScopeDefault(), cancellationToken: stoppingToken);
            await bot.SetMyCommands(TelegramCommands.Administrators, new BotCommandScopeAllChatAdministrators(), cancellationToken: stoppingToken);
            if (options.IsWebhook)
            {
                await bot.SetWebhook(options.WebhookUrl!.ToString(), secretToken: options.SecretToken, allowedUpdates: AllowedUpdates, cancellationToken: stoppingToken);
                Log.Connected(logger, me.Username ?? me.FirstName, "webhook");
                return;
            }

            await bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: stoppingToken);
            Log.Connected(logger, me.Username ?? me.FirstName, "long polling");
            await PollAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>getMe, retried while Telegram is unreachable; a rejected token stops the application.</summary>
    private async Task<User?> ConnectAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await bot.GetMe(cancellationToken);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode is 401 or 404)
            {
                Log.TokenRejected(logger, ex.Message);
                Environment.ExitCode = 2;
                lifetime.StopApplication();
                return null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var delay = Backoff.Delay(FirstPollPause, attempt, LongestPollPause);
                Log.PollFailed(logger, ex, delay);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var progressed = ProgressSignal();
            Update[] updates;
            int highestReturned;
            try
            {
                (updates, highestReturned) = await FetchAsync(cancellationToken);
                failures = 0;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode is 401 or 404)
            {
                Log.TokenRejected(logger, ex.Message);
                Environment.ExitCode = 2;
                lifetime.StopApplication();
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var delay = Backoff.Delay(FirstPollPause, failures++, LongestPollPause);
                Log.PollFailed(logger, ex, delay);
                await Task.Delay(delay, time, cancellationToken);
                continue;
            }

            var fresh = 0;
            foreach (var update in updates)
            {
                lock (_gate)
                {
                    // Ids only grow: one seen before is still being handled, or handled and waiting to be confirmed.
                    if (update.Id <= _highest)
                    {
                        continue;
                    }

                    _highest = update.Id;
                    _inFlight.Add(update.Id);
                }

                fresh++;
                _ = HandleAndConfirmAsync(update);
            }

            lock (_gate)
            {
                // Unreadable updates were logged and are passed over: the next offset confirms them.
                _highest = Math.Max(_highest, highestReturned);
            }

            if (fresh == 0 && highestReturned >= 0)
            {
                await WaitForProgressAsync(progressed, cancellationToken);
            }
        }
    }

    /// <summary>One poll: the readable updates, and the highest update id Telegram returned (readable or not).</summary>
    private async Task<(Update[] Updates, int Highest)> FetchAsync(CancellationToken cancellationToken)
    {
        var offset = NextOffset();
        try
        {
            var updates = await bot.GetUpdates(offset, limit: 100, timeout: options.PollTimeoutSeconds, allowedUpdates: AllowedUpdates, cancellationToken: cancellationToken);
            return (updates, updates.Length == 0 ? -1 : updates.Max(u => u.Id));
        }
        catch (Exception ex) when (IsUnreadableBatch(ex))
        {
            // Telegram answered, but the client could not read the batch: read it update by update.
            return await lenient.ReadAsync(offset, cancellationToken);
        }
    }

    /// <summary>Telegram answered, but the client could not read what it said.</summary>
    private static bool IsUnreadableBatch(Exception ex) => ex switch
    {
        ApiRequestException => false,
        System.Text.Json.JsonException => true,
        RequestException request => request.InnerException is System.Text.Json.JsonException
            || (request.HttpStatusCode is System.Net.HttpStatusCode.OK && request.InnerException is null or System.Text.Json.JsonException),
        _ => ex.InnerException is System.Text.Json.JsonException,
    };

    private async Task HandleAndConfirmAsync(Update update)
    {
        try
        {
            await queues.EnqueueAsync(update);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_gate)
        {
            _inFlight.Remove(update.Id);
            _progress.TrySetResult();
        }
    }

    /// <summary>Completes when an update is done after this call: one signal per poll, however many finish.</summary>
    private Task ProgressSignal()
    {
        lock (_gate)
        {
            if (_progress.Task.IsCompleted)
            {
                _progress = NewSignal();
            }

            return _progress.Task;
        }
    }

    private async Task WaitForProgressAsync(Task progressed, CancellationToken cancellationToken)
    {
        try
        {
            await progressed.WaitAsync(QuietPollWait, time, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int NextOffset()
    {
        lock (_gate)
        {
            return NextOffsetLocked();
        }
    }

    /// <summary>Confirms every update below the oldest one still being handled.</summary>
    private int NextOffsetLocked() => _inFlight.Count > 0 ? _inFlight.Min : _highest + 1;
}
