namespace ConvenerBot.Core.Commands;

/// <summary>
/// Commands that change nothing in the store. The engine runs them on a read-only transaction that never
/// waits for the store's writer; only a platform delivery id, if any, is written afterwards.
/// </summary>
public static class CommandEffects
{
    public static bool ReadsOnly(ICommand command) => command is HelpCommand or VersionCommand or WhoAmICommand or ListProtocolsCommand
        or ListCasesCommand or ShowCaseCommand or ListSessionsCommand or SummaryCommand or TimeZoneCommand { Zone: null };
}
