using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Text;

namespace ConvenerBot.LocalChat;

/// <summary>The terminal: reads lines from standard input, prints bot replies as lines starting with <c>bot&gt; </c>.</summary>
internal sealed class LocalChatIo(TextReader input, TextWriter output, bool interactive)
{
    public const string BotPrefix = "bot> ";

    public bool Interactive { get; } = interactive;

    public static LocalChatIo FromConsole() => new(Console.In, Console.Out, !Console.IsInputRedirected);

    public static string DefaultName() => string.IsNullOrWhiteSpace(Environment.UserName) ? "me" : Environment.UserName;

    public async Task<string?> ReadLineAsync(string name, CancellationToken cancellationToken)
    {
        if (Interactive)
        {
            await output.WriteAsync($"{name}> ");
            await output.FlushAsync(cancellationToken);
        }

        // Console reads block; running them aside lets Ctrl+C stop the host without waiting for a line.
        return await Task.Run(input.ReadLine, CancellationToken.None).WaitAsync(cancellationToken);
    }

    /// <summary>One message: its text, then its actions as the commands that do them (introduced in <paramref name="language"/>); flushed at once.</summary>
    public async Task WriteMessageAsync(OutboundMessage message, string language)
    {
        ArgumentNullException.ThrowIfNull(message);
        await WriteBotAsync(message.Text);
        if (message.Actions is { Count: > 0 } actions)
        {
            await WriteBotAsync(MessageCatalog.Default.Render(language, "local.actions", ("commands", string.Join(" · ", actions.Select(Command)))));
        }

        await output.FlushAsync();
    }

    /// <summary>One line of the terminal chat's own, as the bot's; flushed at once.</summary>
    public async Task WriteLineAsync(string text)
    {
        await WriteBotAsync(text);
        await output.FlushAsync();
    }

    private async Task WriteBotAsync(string text)
    {
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            await output.WriteLineAsync(BotPrefix + line);
        }
    }

    private static string Command(StageAction action) => action switch
    {
        StageAction.Next => "/next",
        StageAction.Back => "/back",
        _ => "/session end",
    };
}
