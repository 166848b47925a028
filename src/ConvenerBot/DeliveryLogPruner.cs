using ConvenerBot.Core.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConvenerBot;

/// <summary>
/// Once a day, forgets delivery ids older than a week. Platforms redeliver within hours (Telegram keeps
/// updates for a day), so the log stays small and still catches every redelivery.
/// </summary>
internal sealed partial class DeliveryLogPruner(IConvenerStore store, TimeProvider time, ILogger<DeliveryLogPruner> logger) : BackgroundService
{
    public static readonly TimeSpan Keep = TimeSpan.FromDays(7);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
        do
        {
            try
            {
                await using var transaction = await store.BeginAsync(stoppingToken);
                await transaction.Deliveries.ForgetBeforeAsync(time.GetUtcNow() - Keep, stoppingToken);
                await transaction.CommitAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Could not prune the delivery log; trying again tomorrow")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
