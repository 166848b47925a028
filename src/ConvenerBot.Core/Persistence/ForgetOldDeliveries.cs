namespace ConvenerBot.Core.Persistence;

/// <summary>
/// Once a day, forgets delivery ids older than a week. Platforms redeliver within hours (Telegram keeps
/// updates for a day), so the log stays small and still catches every redelivery. Runs as due work of the
/// whole deployment, whatever platforms are enabled.
/// </summary>
public sealed class ForgetOldDeliveries(IConvenerStore store) : IDueWorkHandler
{
    public const string WorkKind = "forget-old-deliveries";

    public static readonly TimeSpan Keep = TimeSpan.FromDays(7);

    public static readonly TimeSpan Every = TimeSpan.FromDays(1);

    public string Kind => WorkKind;

    public async Task<DateTimeOffset?> HandleAsync(DueWork work, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginAsync(cancellationToken);
        await transaction.Deliveries.ForgetBeforeAsync(now - Keep, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return now + Every;
    }
}
