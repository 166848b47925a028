using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Members;

namespace ConvenerBot.Telegram.Tests.Units;

/// <summary>Telegram's command menus come from the engine's command table, by the least role each command asks for.</summary>
public sealed class TelegramCommandsTests
{
    [Fact]
    public void Administrators_SeeEveryCommand_MembersOnlyTheirs()
    {
        Assert.Equal(CommandTable.Tops, TelegramCommands.Administrators.Select(c => c.Command));
        Assert.Equal(
            CommandTable.Tops.Where(t => CommandTable.All.Where(d => d.Top == t).Min(d => d.Role) == Role.Member),
            TelegramCommands.Members.Select(c => c.Command));
        Assert.Contains("next", TelegramCommands.Facilitators.Select(c => c.Command));
        Assert.DoesNotContain("next", TelegramCommands.Members.Select(c => c.Command));
        Assert.DoesNotContain("role", TelegramCommands.Facilitators.Select(c => c.Command));
        Assert.All(TelegramCommands.Administrators, c => Assert.InRange(c.Description.Length, 1, 256));
    }
}
