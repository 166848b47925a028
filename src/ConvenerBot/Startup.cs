using ConvenerBot.Core.Protocols;
using ConvenerBot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ConvenerBot;

/// <summary>Runs the chosen verb and turns start-up failures into one clear line instead of a stack trace.</summary>
internal static class Startup
{
    public static async Task<int> RunAsync(IHost host, Verb verb)
    {
        try
        {
            if (verb.Name is Verb.Migrate)
            {
                _ = host.Services.GetRequiredService<ProtocolCatalog>();
                var applied = await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
                await Console.Out.WriteLineAsync(applied.Count == 0
                    ? "The database is up to date."
                    : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
                return 0;
            }

            await host.RunAsync();
            return Environment.ExitCode;
        }
        catch (Exception ex) when (ex is OptionsValidationException or ProtocolFileException)
        {
            await Console.Error.WriteLineAsync($"ConvenerBot cannot start: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync($"ConvenerBot stopped: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }
}
