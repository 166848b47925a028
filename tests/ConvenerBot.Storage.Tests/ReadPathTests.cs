using System.Data.Common;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;
using ConvenerBot.Storage.Tests.Support;

namespace ConvenerBot.Storage.Tests;

/// <summary>Read-only transactions, run against SQLite and Postgres.</summary>
public abstract class ReadPathTests(StoreFixture fixture)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadTransaction_RefusesWrites()
    {
        await using var read = await fixture.Store.BeginReadAsync(CancellationToken.None);

        await Assert.ThrowsAnyAsync<DbException>(() =>
            read.Groups.GetOrCreateAsync(new ConversationRef("read", Guid.NewGuid().ToString("N")), "Circle", "UTC", Now, CancellationToken.None));
    }

    [Fact]
    public async Task ReadTransaction_FindCurrent_IsNullWhileTheStoredMemberIsOutOfDate()
    {
        long groupId;
        await using (var tx = await fixture.Store.BeginAsync(CancellationToken.None))
        {
            groupId = (await tx.Groups.GetOrCreateAsync(new ConversationRef("read", Guid.NewGuid().ToString("N")), "Circle", "UTC", Now, CancellationToken.None)).Id;
            await tx.Members.GetOrCreateAsync(groupId, new MemberProfile("1", "Ana", "ana"), firstMemberOrganizes: false, Now, CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }

        await using var read = await fixture.Store.BeginReadAsync(CancellationToken.None);
        var members = read.Members;

        Assert.Equal("Ana", (await members.FindCurrentAsync(groupId, new MemberProfile("1", "Ana", "ana"), CancellationToken.None))?.DisplayName);
        Assert.NotNull(await members.FindCurrentAsync(groupId, new MemberProfile("1", "Ana", null) { HandleKnown = false }, CancellationToken.None));
        Assert.Null(await members.FindCurrentAsync(groupId, new MemberProfile("1", "Ana", null), CancellationToken.None));
        Assert.Null(await members.FindCurrentAsync(groupId, new MemberProfile("1", "Ana Maria", "ana"), CancellationToken.None));
        Assert.Null(await members.FindCurrentAsync(groupId, new MemberProfile("2", "Ana", "ana"), CancellationToken.None));
    }
}

public sealed class SqliteReadPathTests(SqliteStoreFixture fixture) : ReadPathTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresReadPathTests(PostgresStoreFixture fixture) : ReadPathTests(fixture), IClassFixture<PostgresStoreFixture>;
