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

    /// <summary>
    /// Records the inbound's delivery id in a write transaction of its own, for a message whose handling
    /// changed nothing else; no transaction is opened when it carries no id. False when it was recorded before.
    /// </summary>
    public static async Task<bool> TryRecordDeliveryAsync(this IConvenerStore store, Inbound inbound, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(inbound);
        if (inbound.DeliveryId is null)
        {
            return true;
        }

        await using var transaction = await store.BeginAsync(cancellationToken);
        if (!await transaction.Deliveries.TryRecordAsync(inbound, now, cancellationToken))
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
