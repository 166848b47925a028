using ConvenerBot.Core.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConvenerBot;

/// <summary>
/// Runs the <see cref="DueWorkDispatcher"/> for every deployment: at start-up it makes the deployment's
/// recurring work (forgetting old delivery ids) due at once, then carries out whatever is due every
/// <see cref="PollEvery"/>, or at once when a command of this process asks (<see cref="DueWorkSignal"/>).
/// Several instances on one Postgres share the work through their claims.
/// </summary>
internal sealed partial class DueWorkService(DueWorkDispatcher dispatcher, DueWorkSignal signal, TimeProvider time, ILogger<DueWorkService> logger) : BackgroundService
{
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(30);

    /// <summary>Work of the whole deployment that recurs, started once at start-up.</summary>
    public static readonly string[] Recurring = [ForgetOldDeliveries.WorkKind];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = false;
        using var timer = new PeriodicTimer(PollEvery, time);
        Task<bool>? tick = null;
        Task? pulse = null;
        do
        {
            try
            {
                if (!started)
                {
                    await dispatcher.EnsureRecurringAsync(Recurring, stoppingToken);
                    started = true;
                }

                await dispatcher.RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex, PollEvery);
            }
        }
        while (await NextRunAsync());

        // The next poll, or a pulse before it; whichever did not come yet stays the one to wait for.
        async Task<bool> NextRunAsync()
        {
            tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
            pulse ??= signal.WaitAsync(stoppingToken);
            if (await Task.WhenAny(tick, pulse) == tick)
            {
                var more = await tick;
                tick = null;
                return more;
            }

            await pulse;
            pulse = null;
            return true;
        }
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Could not run due work; trying again in {Pause}")]
    private static partial void LogFailed(ILogger logger, Exception exception, TimeSpan pause);
}
