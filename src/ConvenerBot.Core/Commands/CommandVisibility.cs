namespace ConvenerBot.Core.Commands;

/// <summary>
/// Which answers are meant only for the member who asked. Platforms that can answer privately (Discord's
/// ephemeral messages) decide this before the engine runs; refusals are always private.
/// </summary>
public static class CommandVisibility
{
    public static bool AnswersPrivately(ICommand command) => command is HelpCommand or WhoAmICommand or ListCasesCommand
        or ShowCaseCommand or SummaryCommand or ListProtocolsCommand or ListSessionsCommand;
}
