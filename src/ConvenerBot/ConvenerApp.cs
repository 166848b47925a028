using ConvenerBot.Calendar;
using ConvenerBot.Core;
using ConvenerBot.Discord;
using ConvenerBot.LocalChat;
using ConvenerBot.Storage;
using ConvenerBot.Telegram;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ConvenerBot;

/// <summary>
/// Composes the executable: the engine, the store, and the chats that are configured (Telegram, Discord, or
/// else the local terminal chat). A web server runs only when an adapter needs an HTTP endpoint or calendar
/// feeds are served.
/// </summary>
public static class ConvenerApp
{
    /// <param name="configure">Lets tests replace parts (e.g. a logger provider) after the composition.</param>
    public static IHost Build(string[] args, bool withChat = true, Action<IHostApplicationBuilder>? configure = null)
    {
        var settings = new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory };
        var probe = Host.CreateApplicationBuilder(settings);
        probe.Configuration.AddEnvironmentVariables(prefix: "CONVENERBOT__");
        var needsHttp = probe.Configuration.IsTelegramWebhook() || probe.Configuration.IsDiscordEnabled() || ServesCalendars(probe.Configuration);

        IHostApplicationBuilder builder = needsHttp
            ? WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory })
            : probe;
        if (needsHttp)
        {
            builder.Configuration.AddEnvironmentVariables(prefix: "CONVENERBOT__");
        }

        builder.Services.AddConvenerCore();
        builder.Services.AddConvenerStorage();
        builder.Services.AddConvenerHost(builder.Logging);
        // Every way in records delivery ids (Telegram updates, Discord interactions, terminal lines).
        builder.Services.AddHostedService<DueWorkService>();
        var platform = false;
        if (builder.Configuration.IsTelegramEnabled())
        {
            builder.Services.AddTelegramAdapter();
            platform = true;
        }

        if (builder.Configuration.IsDiscordEnabled())
        {
            builder.Services.AddDiscordAdapter();
            platform = true;
        }

        if (!platform && withChat)
        {
            builder.Services.AddLocalChat();
        }

        configure?.Invoke(builder);
        if (builder is not WebApplicationBuilder web)
        {
            return probe.Build();
        }

        var app = web.Build();
        if (builder.Configuration.IsTelegramWebhook())
        {
            app.MapTelegramWebhook();
        }

        if (builder.Configuration.IsDiscordEnabled())
        {
            app.MapDiscordInteractions();
        }

        if (ServesCalendars(builder.Configuration))
        {
            app.MapCalendarFeeds();
        }

        app.MapGet("/health", () => "ok");
        return app;
    }

    /// <summary>Calendar feeds are served when the public address is set (<c>Convener:CalendarBaseUrl</c>), whatever chat runs.</summary>
    private static bool ServesCalendars(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{ConvenerOptions.SectionName}:{nameof(ConvenerOptions.CalendarBaseUrl)}"]);
}
