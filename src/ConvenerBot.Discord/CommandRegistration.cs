using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConvenerBot.Discord;

/// <summary>
/// Registers the slash commands at start-up: to the development guild when one is configured, globally
/// otherwise. A bot token Discord rejects stops the application, as a rejected Telegram token does: a bot
/// that cannot post would only let its members down quietly.
/// </summary>
internal sealed partial class CommandRegistration(DiscordRest rest, IHostApplicationLifetime lifetime, ILogger<CommandRegistration> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await rest.RegisterCommandsAsync(DiscordCommands.All(), stoppingToken);
            LogRegistered(logger);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is System.Net.HttpStatusCode.Unauthorized)
        {
            LogTokenRejected(logger);
            Environment.ExitCode = 2;
            lifetime.StopApplication();
        }
        catch (HttpRequestException ex)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Discord slash commands are registered")]
    private static partial void LogRegistered(ILogger logger);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Critical, Message = "Discord rejected the bot token (401); check Discord:BotToken. Stopping.")]
    private static partial void LogTokenRejected(ILogger logger);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Registering the Discord slash commands failed; check Discord:ApplicationId and Discord:BotToken")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
