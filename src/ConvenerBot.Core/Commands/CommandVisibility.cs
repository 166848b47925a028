namespace ConvenerBot.Core.Commands;

/// <summary>
/// Which answers are meant only for the member who asked (see <see cref="CommandDescriptor.AnswersPrivately"/>).
/// Platforms that can answer privately (Discord's ephemeral messages) decide this before the engine runs;
/// refusals are always private.
/// </summary>
public static class CommandVisibility
{
    public static bool AnswersPrivately(ICommand command) => CommandTable.ForType(command.GetType())?.AnswersPrivately ?? false;
}
