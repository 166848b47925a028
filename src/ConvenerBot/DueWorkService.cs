using ConvenerBot.Core.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConvenerBot;

/// <summary>
/// Runs the <see cref="DueWorkDispatcher"/> for every deployment: at start-up it makes the deployment's
/// recurring work (forgetting old delivery ids) due at once, then carries out whatever is due every
/// <see cref="PollEvery"/>. Several instances on one Postgres share the work through their claims.
/// </summary>
internal sealed partial class DueWorkService(DueWorkDispatcher dispatcher, TimeProvider time, ILogger<DueWorkService> logger) : BackgroundService
{
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(30);

    /// <summary>Work of the whole deployment that recurs, started once at start-up.</summary>
    public static readonly string[] Recurring = [ForgetOldDeliveries.WorkKind];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = false;
        using var timer = new PeriodicTimer(PollEvery, time);
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
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Could not run due work; trying again in {Pause}")]
    private static partial void LogFailed(ILogger logger, Exception exception, TimeSpan pause);
}
