namespace ConvenerBot.Core.Commands;

/// <summary>
/// Commands that change nothing in the store (<see cref="CommandDescriptor.ReadsOnly"/>, and /timezone
/// without a zone and /settings without a setting). The engine runs them on a read-only transaction that never waits for the store's
/// writer; only a platform delivery id, if any, is written afterwards.
/// </summary>
public static class CommandEffects
{
    public static bool ReadsOnly(ICommand command) =>
        command is TimeZoneCommand { Zone: null } or SettingsCommand { Setting: null } || CommandTable.ForType(command.GetType()) is { ReadsOnly: true };
}
