using System.Data.Common;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Storage.Repositories;

namespace ConvenerBot.Storage;

/// <summary>The store on Dapper: one connection and one transaction per command.</summary>
internal sealed class DapperStore(SqlDialect dialect) : IConvenerStore
{
    private readonly SqlDialect _dialect = dialect;

    public async Task<IStoreTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var lease = await _dialect.EnterWriterAsync(cancellationToken);
        DbConnection? connection = null;
        try
        {
            connection = await _dialect.OpenAsync(cancellationToken);
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new DapperTransaction(new DbContext(connection, transaction, _dialect), lease);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            lease?.Dispose();
            throw;
        }
    }

    public bool IsUnavailable(Exception exception) => _dialect.IsUnavailable(exception);

    private sealed class DapperTransaction(DbContext db, IDisposable? lease) : IStoreTransaction
    {
        public Core.Groups.IGroupRepository Groups { get; } = new GroupRepository(db);

        public Core.Members.IMemberRepository Members { get; } = new MemberRepository(db);

        public Core.Cases.ICaseRepository Cases { get; } = new CaseRepository(db);

        public Core.Sessions.ISessionRepository Sessions { get; } = new SessionRepository(db);

        public Core.Sessions.IContributionRepository Contributions { get; } = new ContributionRepository(db);

        public IDeliveryLog Deliveries { get; } = new DeliveryLog(db);

        public IDueWorkRepository DueWork { get; } = new DueWorkRepository(db);

        public Task CommitAsync(CancellationToken cancellationToken) => db.Transaction.CommitAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Transaction.DisposeAsync();
                await db.Connection.DisposeAsync();
            }
            finally
            {
                lease?.Dispose();
            }
        }
    }
}
