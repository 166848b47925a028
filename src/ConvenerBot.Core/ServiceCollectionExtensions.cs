using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Groups;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Core.Summaries;
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
        services.TryAddSingleton<SummaryReader>();
        services.TryAddSingleton<PrivateChat>();
        services.TryAddSingleton<ConversationGateways>();
        AddHandler<HelpCommand, HelpHandler>(services);
        AddHandler<WhoAmICommand, WhoAmIHandler>(services);
        AddHandler<TimeZoneCommand, TimeZoneHandler>(services);
        AddHandler<ListProtocolsCommand, ListProtocolsHandler>(services);
        AddHandler<OpenCaseCommand, OpenCaseHandler>(services);
        AddHandler<ListCasesCommand, ListCasesHandler>(services);
        AddHandler<ShowCaseCommand, ShowCaseHandler>(services);
        AddHandler<WithdrawCaseCommand, WithdrawCaseHandler>(services);
        AddHandler<ScheduleSessionCommand, ScheduleSessionHandler>(services);
        AddHandler<ListSessionsCommand, ListSessionsHandler>(services);
        AddHandler<CancelSessionCommand, CancelSessionHandler>(services);
        AddHandler<StartSessionCommand, StartSessionHandler>(services);
        AddHandler<MoveStageCommand, MoveStageHandler>(services);
        AddHandler<EndSessionCommand, EndSessionHandler>(services);
        AddHandler<ContributeCommand, ContributeHandler>(services);
        AddHandler<HereCommand, HereHandler>(services);
        AddHandler<SummaryCommand, SummaryHandler>(services);
        AddHandler<SetRoleCommand, SetRoleHandler>(services);
        return services;
    }

    private static void AddHandler<TCommand, THandler>(IServiceCollection services)
        where TCommand : ICommand
        where THandler : class, ICommandHandler<TCommand> =>
        services.TryAddScoped<ICommandHandler<TCommand>, THandler>();
}
