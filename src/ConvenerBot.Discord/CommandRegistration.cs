using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConvenerBot.Discord;

/// <summary>Registers the slash commands at start-up: to the development guild when one is configured, globally otherwise.</summary>
internal sealed partial class CommandRegistration(DiscordRest rest, ILogger<CommandRegistration> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await rest.RegisterCommandsAsync(DiscordCommands.All(), stoppingToken);
            LogRegistered(logger);
        }
        catch (HttpRequestException ex)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Discord slash commands are registered")]
    private static partial void LogRegistered(ILogger logger);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Registering the Discord slash commands failed; check Discord:ApplicationId and Discord:BotToken")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
