using ConvenerBot.Core.Persistence;
using Dapper;

namespace ConvenerBot.Storage.Repositories;

internal sealed class DeliveryLog(DbContext db) : IDeliveryLog
{
    public async Task<bool> TryRecordAsync(string platform, string deliveryId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Connection.ExecuteAsync(db.Command(
            """
            INSERT INTO deliveries (platform, delivery_id, received_at)
            VALUES (@Platform, @DeliveryId, @Now)
            ON CONFLICT (platform, delivery_id) DO NOTHING
            """, new { Platform = platform, DeliveryId = deliveryId, Now = now }, cancellationToken)) == 1;

    public Task<int> ForgetBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(db.Command(
            "DELETE FROM deliveries WHERE received_at < @Cutoff", new { Cutoff = cutoff }, cancellationToken));
}
