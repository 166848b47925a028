using ConvenerBot.Core.Protocols;
using ConvenerBot.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ConvenerBot;

/// <summary>Runs before any chat starts: loads and checks the protocols, then brings the schema up to date.</summary>
internal sealed class StartupTasks(IServiceProvider services, IOptions<StorageOptions> storage) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService(typeof(ProtocolCatalog));
        if (storage.Value.MigrateOnStart)
        {
            await ((DatabaseMigrator)services.GetService(typeof(DatabaseMigrator))!).MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
