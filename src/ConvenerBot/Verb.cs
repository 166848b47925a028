namespace ConvenerBot;

/// <summary>What the executable was asked to do: run the bot (default), apply migrations, or print usage.</summary>
internal sealed record Verb(string Name, string[] HostArgs)
{
    public const string Run = "run";
    public const string Migrate = "migrate";
    public const string Help = "help";
    public const string Unknown = "unknown";

    public const string Usage =
        """
        Usage: ConvenerBot [run|migrate|help] [--Section:Key=value ...]
          run      run the bot (default). With no platform configured it opens the local terminal chat.
          migrate  apply pending database migrations and exit.
          help     show this text.
        Settings come from appsettings.json, CONVENERBOT__Section__Key environment variables and --Section:Key=value arguments.

        """;

    public static Verb Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && !args[0].StartsWith('-'))
        {
            var name = args[0].ToLowerInvariant();
            return new Verb(name is Run or Migrate or Help ? name : Unknown, args[1..]);
        }

        return args.Any(a => a is "-h" or "--help") ? new Verb(Help, []) : new Verb(Run, args);
    }
}
