using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Core.Persistence;

public static class DeliveryLogExtensions
{
    /// <summary>
    /// Records the inbound's delivery id in the current transaction. False when the platform delivered it
    /// before (it was handled then and must do nothing now); true when it is new or carries no id.
    /// </summary>
    public static async Task<bool> TryRecordAsync(this IDeliveryLog deliveries, Inbound inbound, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(inbound);
        return inbound.DeliveryId is not { } delivery
            || await deliveries.TryRecordAsync(inbound.Conversation.Platform, delivery, now, cancellationToken);
    }
}
