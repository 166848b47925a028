using ConvenerBot.Core.Persistence;
using ConvenerBot.Storage.Repositories;

namespace ConvenerBot.Storage;

/// <summary>The store on Dapper: one connection and one transaction per command.</summary>
internal sealed class DapperStore : IConvenerStore
{
    private readonly SqlDialect _dialect;

    public DapperStore(SqlDialect dialect)
    {
        InstantTypeHandler.Configure();
        _dialect = dialect;
    }

    public async Task<IStoreTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = await _dialect.OpenAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new DapperTransaction(new DbContext(connection, transaction, _dialect));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class DapperTransaction(DbContext db) : IStoreTransaction
    {
        public Core.Groups.IGroupRepository Groups { get; } = new GroupRepository(db);

        public Core.Members.IMemberRepository Members { get; } = new MemberRepository(db);

        public Core.Cases.ICaseRepository Cases { get; } = new CaseRepository(db);

        public Core.Sessions.ISessionRepository Sessions { get; } = new SessionRepository(db);

        public Core.Sessions.IContributionRepository Contributions { get; } = new ContributionRepository(db);

        public IDeliveryLog Deliveries { get; } = new DeliveryLog(db);

        public Task CommitAsync(CancellationToken cancellationToken) => db.Transaction.CommitAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await db.Transaction.DisposeAsync();
            await db.Connection.DisposeAsync();
        }
    }
}
