namespace ConvenerBot.Core.Commands;

/// <summary>Either a command or the reason the text is not one (shown to the member).</summary>
public sealed record ParseResult(ICommand? Command, string? Error)
{
    public static ParseResult Ok(ICommand command) => new(command, null);

    public static ParseResult Fail(string error) => new(null, error);
}
