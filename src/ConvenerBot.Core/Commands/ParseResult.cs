using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Commands;

/// <summary>Either a command or the reason the input is not one (shown to the member in their group's language).</summary>
public sealed record ParseResult(ICommand? Command, Phrase? Error)
{
    public static ParseResult Ok(ICommand command) => new(command, null);

    public static ParseResult Fail(Phrase error) => new(null, error);
}
