namespace ConvenerBot.Core.Persistence;

/// <summary>Remembers which platform deliveries were handled, so that a redelivered one has no effect.</summary>
public interface IDeliveryLog
{
    /// <summary>Records the delivery in the current transaction; false when it was recorded before.</summary>
    Task<bool> TryRecordAsync(string platform, string deliveryId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Forgets deliveries received before the cutoff (platforms redeliver within hours, not weeks); returns how many.</summary>
    Task<int> ForgetBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
