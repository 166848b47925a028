using ConvenerBot.Calendar;
using ConvenerBot.Core;
using ConvenerBot.Core.Calendar;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConvenerBot;

public static class ServiceCollectionExtensions
{
    /// <summary>The executable's own wiring: engine options, protocols, .ics files for the platforms, logging to standard error.</summary>
    public static IServiceCollection AddConvenerHost(this IServiceCollection services, ILoggingBuilder logging)
    {
        // Standard output belongs to the terminal chat; logs go to standard error.
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        services.AddOptions<ConvenerOptions>()
            .BindConfiguration(ConvenerOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => GroupClock.FindZone(o.DefaultTimeZone) is not null, "Convener:DefaultTimeZone must be an IANA time zone such as Europe/Oslo or UTC.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ConvenerOptions>>().Value);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<ConvenerOptions>();
            var path = Path.Combine(AppContext.BaseDirectory, options.ProtocolsPath);
            return ProtocolLoader.LoadDirectory(path, options.DefaultProtocol);
        });
        services.TryAddSingleton<ICalendarFiles, IcsFiles>();
        return services;
    }
}
