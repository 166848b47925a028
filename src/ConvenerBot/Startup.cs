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
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(verb);
        var failure = await PrepareAsync(host, verb.Name is Verb.Migrate);
        if (failure is not null)
        {
            await Console.Error.WriteLineAsync($"ConvenerBot cannot start: {failure}");
            return 2;
        }

        if (verb.Name is Verb.Migrate)
        {
            return 0;
        }

        await host.RunAsync();
        return Environment.ExitCode;
    }

    /// <summary>Checks settings, protocols and the database; returns what is wrong, or null when all is ready.</summary>
    public static async Task<string?> PrepareAsync(IHost host, bool migrateOnly = false)
    {
        ArgumentNullException.ThrowIfNull(host);
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
            _ = host.Services.GetRequiredService<ProtocolCatalog>();
            var migrator = host.Services.GetRequiredService<DatabaseMigrator>();
            if (migrateOnly)
            {
                var applied = await migrator.MigrateAsync(CancellationToken.None);
                await Console.Out.WriteLineAsync(applied.Count == 0
                    ? "The database is up to date."
                    : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
                return null;
            }

            if (host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.MigrateOnStart)
            {
                await migrator.MigrateAsync(CancellationToken.None);
            }
        }
        catch (OptionsValidationException ex)
        {
            return string.Join(" ", ex.Failures);
        }
        catch (ProtocolFileException ex)
        {
            return ex.Message;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ArgumentException or IOException)
        {
            return $"the database could not be prepared: {ex.Message}";
        }

        return null;
    }
}
