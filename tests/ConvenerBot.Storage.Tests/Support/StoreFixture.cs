using System.Data.Common;
using System.Text;
using ConvenerBot.Core;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Protocols;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

using ConvenerBot.Testing;

namespace ConvenerBot.Storage.Tests.Support;

/// <summary>
/// A real, freshly migrated store with the real engine on top. Tests isolate themselves by using a new
/// group (conversation) each; the whole database can be dumped to prove a command changed nothing.
/// </summary>
public abstract class StoreFixture : IAsyncLifetime
{
    private static readonly string[] Tables = ["groups", "members", "cases", "sessions", "contributions", "attendance", "deliveries", "stage_prompts", "live_buttons", "due_work", "rsvps", "group_reminders", "member_reminders", "calendar_feeds", "series", "session_events"];

    private readonly List<ServiceProvider> _providers = [];

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public ListLoggerProvider Logs { get; } = new();

    public IConvener Convener { get; private set; } = null!;

    public IConvenerStore Store { get; private set; } = null!;

    protected abstract string Provider { get; }

    /// <summary>True for the Postgres store, false for SQLite.</summary>
    public bool IsPostgres => Provider == "postgres";

    protected abstract string ConnectionString { get; }

    public IReadOnlyList<string> AppliedMigrations { get; private set; } = [];

    /// <summary>The public address the engine names in calendar feed addresses.</summary>
    public const string CalendarBaseUrl = "https://convener.example.org/";

    public virtual async Task InitializeAsync()
    {
        var services = BuildProvider(decorate: null);
        Convener = services.GetRequiredService<IConvener>();
        Store = services.GetRequiredService<IConvenerStore>();
        AppliedMigrations = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        if (AppliedMigrations.Count == 0)
        {
            throw new InvalidOperationException("A fresh test database received no migrations.");
        }
    }

    public Task<IReadOnlyList<string>> MigrateAgainAsync() =>
        _providers[0].GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

    public virtual async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }

    /// <summary>A second engine on the same database whose store is wrapped, e.g. to inject a failure.</summary>
    public IConvener CreateConvener(Func<IConvenerStore, IConvenerStore> decorate) =>
        BuildProvider(decorate).GetRequiredService<IConvener>();

    /// <summary>Another store on the same database, with connections and (for SQLite) a writer queue of its own, as another instance has.</summary>
    public IConvenerStore CreateStore() => BuildProvider(null).GetRequiredService<IConvenerStore>();

    /// <summary>A second engine on the same database, reached through another connection string (e.g. through a proxy).</summary>
    public IConvener CreateConvener(string connectionString) =>
        BuildProvider(null, connectionString).GetRequiredService<IConvener>();

    /// <summary>The protocols the engine runs on.</summary>
    public ProtocolCatalog Protocols => _providers[0].GetRequiredService<ProtocolCatalog>();

    /// <summary>
    /// A dispatcher of the session work (start notices and missed checks, stage timers, taking stale buttons off, mirroring sessions as events), posting through
    /// <paramref name="gateway"/>; reminders are left out, so what is posted is only that.
    /// </summary>
    public DueWorkDispatcher SessionWork(IConversationGateway gateway)
    {
        var gateways = new ConversationGateways([gateway]);
        var notices = new GroupNotices(Store, gateways, Time);
        return new DueWorkDispatcher(
            Store,
            [
                new Core.Sessions.SessionStarts(Store, Protocols, notices),
                new Core.Sessions.StageTimers(Store, Protocols, notices),
                new Core.Sessions.StageButtons(Store, gateways),
                new Core.Sessions.SessionMirror(Store, gateways, notices, Protocols),
                new Outbox(Store, gateways, notices, Microsoft.Extensions.Logging.Abstractions.NullLogger<Outbox>.Instance),
            ],
            Time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<DueWorkDispatcher>.Instance);
    }

    public Chat NewChat(Core.Conversations.ConversationKind kind = Core.Conversations.ConversationKind.Local) => new(Convener, Time, kind);

    public async Task<Core.Groups.Group> StoredGroupAsync(Chat chat)
    {
        await using var tx = await Store.BeginAsync(CancellationToken.None);
        return await tx.Groups.FindAsync(chat.Conversation, CancellationToken.None)
            ?? throw new InvalidOperationException("The chat's group was never stored.");
    }

    /// <summary>Every row of every table, in a stable order: equal dumps mean nothing changed.</summary>
    public async Task<string> DumpAsync()
    {
        await using var connection = await OpenRawAsync();
        var dump = new StringBuilder();
        foreach (var table in Tables)
        {
            dump.Append("## ").AppendLine(table);
            foreach (IDictionary<string, object?> row in await connection.QueryAsync($"SELECT * FROM {table} ORDER BY 1, 2"))
            {
                dump.AppendLine(string.Join(" | ", row.Select(kv => $"{kv.Key}={Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture)}")));
            }
        }

        return dump.ToString();
    }

    /// <summary>The dialect of the first store, e.g. to open a connection as the repositories do.</summary>
    internal SqlDialect Dialect => _providers[0].GetRequiredService<SqlDialect>();

    /// <summary>A plain connection to the test database (tables reachable without a schema prefix).</summary>
    public Task<DbConnection> OpenConnectionAsync() => OpenRawAsync();

    /// <summary>This database's text of an embedded migration script, e.g. <c>0003_member_handles_and_platform_roles.sql</c>.</summary>
    public string MigrationText(string name)
    {
        var resource = $"ConvenerBot.Storage.Migrations.{(Provider == "postgres" ? "Postgres" : "Sqlite")}.{name}";
        using var stream = typeof(DatabaseMigrator).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"No embedded script {resource}.");
        return new StreamReader(stream).ReadToEnd();
    }

    protected abstract Task<DbConnection> OpenRawAsync();

    private ServiceProvider BuildProvider(Func<IConvenerStore, IConvenerStore>? decorate, string? connectionString = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = Provider,
            ["Storage:ConnectionString"] = connectionString ?? ConnectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddProvider(Logs));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(new ConvenerOptions { CalendarBaseUrl = CalendarBaseUrl });
        services.AddSingleton(ProtocolLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "seeds", "protocols"), "peer-to-peer"));
        if (decorate is not null)
        {
            services.AddSingleton(sp => decorate(new DapperStore(sp.GetRequiredService<SqlDialect>())));
        }

        services.AddConvenerStorage();
        services.AddConvenerCore();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _providers.Add(provider);
        return provider;
    }
}
