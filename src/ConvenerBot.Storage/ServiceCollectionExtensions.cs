using ConvenerBot.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConvenerBot.Storage;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Dapper store and the migrator, configured from the <c>Storage</c> section, and applies
    /// Dapper's process-wide settings (once, however often this is called).
    /// </summary>
    public static IServiceCollection AddConvenerStorage(this IServiceCollection services)
    {
        DapperSettings.Apply();
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<SqlDialect>(sp => SqlDialect.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton<IConvenerStore>(sp => new DapperStore(sp.GetRequiredService<SqlDialect>()));
        services.TryAddSingleton(sp => new DatabaseMigrator(sp.GetRequiredService<SqlDialect>(), sp.GetRequiredService<ILogger<DatabaseMigrator>>()));
        return services;
    }
}
