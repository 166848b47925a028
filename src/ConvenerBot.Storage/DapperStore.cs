using System.Data.Common;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Storage.Repositories;

namespace ConvenerBot.Storage;

/// <summary>The store on Dapper: one connection and one transaction per command; reads that change nothing skip the writer queue.</summary>
internal sealed class DapperStore(SqlDialect dialect) : IConvenerStore
{
    private readonly SqlDialect _dialect = dialect;

    public async Task<IStoreTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var lease = await _dialect.EnterWriterAsync(cancellationToken);
        try
        {
            return await OpenAsync(readOnly: false, lease, cancellationToken);
        }
        catch
        {
            lease?.Dispose();
            throw;
        }
    }

    public Task<IStoreTransaction> BeginReadAsync(CancellationToken cancellationToken) => OpenAsync(readOnly: true, lease: null, cancellationToken);

    private async Task<IStoreTransaction> OpenAsync(bool readOnly, IDisposable? lease, CancellationToken cancellationToken)
    {
        var connection = readOnly ? await _dialect.OpenReaderAsync(cancellationToken) : await _dialect.OpenAsync(cancellationToken);
        try
        {
            var transaction = readOnly
                ? await _dialect.BeginReadAsync(connection, cancellationToken)
                : await connection.BeginTransactionAsync(cancellationToken);
            return new DapperTransaction(new DbContext(connection, transaction, _dialect), lease);
        }
        catch
        {
            await connection.DisposeAsync();
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

        public Core.Sessions.IStagePromptRepository Prompts { get; } = new StagePromptRepository(db);

        public Core.Sessions.ILiveButtonRepository Buttons { get; } = new LiveButtonRepository(db);

        public IDueWorkRepository DueWork { get; } = new DueWorkRepository(db);

        public Core.Sessions.IRsvpRepository Rsvps { get; } = new RsvpRepository(db);

        public Core.Sessions.IReminderSettingsRepository Reminders { get; } = new ReminderSettingsRepository(db);

        public Core.Calendar.ICalendarRepository Calendars { get; } = new CalendarRepository(db);

        public Core.Series.ISeriesRepository Series { get; } = new SeriesRepository(db);

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
