using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Groups;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Core.Summaries;
using ConvenerBot.Core.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConvenerBot.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine and its handlers. The host provides <see cref="ConvenerOptions"/>, a
    /// <see cref="ProtocolCatalog"/> and a store; adapters provide their <see cref="IConversationGateway"/>.
    /// </summary>
    public static IServiceCollection AddConvenerCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConvener, Convener>();
        services.TryAddSingleton<Scheduling.ISeriesOccurrences, Scheduling.SeriesOccurrences>();
        services.TryAddSingleton<SummaryReader>();
        services.TryAddSingleton<PrivateChat>();
        services.TryAddSingleton<ConversationGateways>();
        services.TryAddSingleton<DueWorkDispatcher>();
        services.TryAddSingleton<DueWorkSignal>();
        services.TryAddSingleton<GroupNotices>();
        services.TryAddSingleton<Calendar.CalendarFeeds>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDueWorkHandler, ForgetOldDeliveries>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDueWorkHandler, Outbox>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDueWorkHandler, SessionReminders>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDueWorkHandler, StageTimers>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDueWorkHandler, StageButtons>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDueWorkHandler, SessionMirror>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDueWorkHandler, SessionStarts>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDueWorkHandler, Series.SeriesAhead>());
        services.TryAddSingleton(MessageCatalog.Default);
        AddHandlers(services);
        return services;
    }

    /// <summary>Every command handler in this assembly, one per command type (see <see cref="CommandTable"/>).</summary>
    private static void AddHandlers(IServiceCollection services)
    {
        foreach (var type in typeof(ServiceCollectionExtensions).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommandHandler<>)))
            {
                services.TryAdd(ServiceDescriptor.Scoped(contract, type));
            }
        }
    }
}
