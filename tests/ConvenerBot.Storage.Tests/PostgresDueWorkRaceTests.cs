using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Storage.Tests.Support;
using Dapper;

namespace ConvenerBot.Storage.Tests;

/// <summary>Claimers on separate stores, as separate instances would be, racing over the same due work on a real Postgres.</summary>
public sealed class PostgresDueWorkRaceTests(PostgresStoreFixture fixture) : IClassFixture<PostgresStoreFixture>
{
    private const int Rows = 10_000;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ThreeClaimers_TakeDisjointWork_AndTogetherEveryPieceExactlyOnce()
    {
        await using (var tx = await fixture.Store.BeginAsync(None))
        {
            var group = await tx.Groups.GetOrCreateAsync(new ConversationRef("race", Guid.NewGuid().ToString("N")), "Race", "UTC", Now, None);
            await tx.CommitAsync(None);
            await using var connection = await fixture.OpenConnectionAsync();
            await connection.ExecuteAsync(
                """
                INSERT INTO due_work (group_id, kind, subject_id, due_at, created_at)
                SELECT @GroupId, 'race', n, @Now - n * interval '1 millisecond', @Now
                FROM generate_series(1, @Rows) AS n
                """, new { GroupId = group.Id, Now, Rows });
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claimers = new[] { "one", "two", "three" }
            .Select(name => (Name: name, Store: fixture.CreateStore()))
            .Select(c => Task.Run(async () =>
            {
                await start.Task;
                return (c.Name, Claimed: await ClaimAllAsync(c.Store, c.Name));
            }))
            .ToList();
        start.SetResult();
        var results = await Task.WhenAll(claimers);

        var all = results.SelectMany(r => r.Claimed).ToList();
        Assert.Equal(Rows, all.Count);
        Assert.Equal(Rows, all.Distinct().Count());
        await using var check = await fixture.OpenConnectionAsync();
        var holders = (await check.QueryAsync<(long Id, string ClaimedBy)>("SELECT id, claimed_by FROM due_work WHERE kind = 'race'")).ToDictionary(r => r.Id, r => r.ClaimedBy);
        Assert.Equal(Rows, holders.Count);
        foreach (var (name, claimed) in results)
        {
            Assert.All(claimed, id => Assert.Equal(name, holders[id]));
        }
    }

    /// <summary>Claims batch after batch, each committed at once, until a claim finds nothing.</summary>
    private static async Task<List<long>> ClaimAllAsync(IConvenerStore store, string claimer)
    {
        var claimed = new List<long>();
        while (true)
        {
            await using var tx = await store.BeginAsync(None);
            var batch = await tx.DueWork.ClaimAsync(claimer, Now, TimeSpan.FromHours(1), 50, None);
            await tx.CommitAsync(None);
            if (batch.Count == 0)
            {
                return claimed;
            }

            Assert.Equal(batch.OrderBy(w => w.DueAt).Select(w => w.Id), batch.Select(w => w.Id));
            claimed.AddRange(batch.Select(w => w.Id));
        }
    }
}
