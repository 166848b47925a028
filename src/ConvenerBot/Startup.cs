using System.Data.Common;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ConvenerBot;

/// <summary>
/// Checks everything that can be wrong before any chat starts (settings, protocol files, the database and
/// its schema), runs the chosen verb, and turns a start-up failure into one clear line instead of a stack trace.
/// </summary>
internal static class Startup
{
    public static async Task<int> RunAsync(IHost host, Verb verb)
    {
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
            _ = host.Services.GetRequiredService<ProtocolCatalog>();
            var migrator = host.Services.GetRequiredService<DatabaseMigrator>();
            if (verb.Name is Verb.Migrate)
            {
                var applied = await migrator.MigrateAsync(CancellationToken.None);
                await Console.Out.WriteLineAsync(applied.Count == 0
                    ? "The database is up to date."
                    : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
                return 0;
            }

            if (host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.MigrateOnStart)
            {
                await migrator.MigrateAsync(CancellationToken.None);
            }
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"ConvenerBot cannot start: {string.Join(" ", ex.Failures)}");
            return 2;
        }
        catch (ProtocolFileException ex)
        {
            await Console.Error.WriteLineAsync($"ConvenerBot cannot start: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ArgumentException or IOException)
        {
            await Console.Error.WriteLineAsync($"ConvenerBot cannot start: the database could not be prepared: {ex.Message}");
            return 2;
        }

        await host.RunAsync();
        return Environment.ExitCode;
    }
}
