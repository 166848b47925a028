using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Commands;

public sealed class HelpHandler : ICommandHandler<HelpCommand>
{
    public Task<Reply> HandleAsync(HelpCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(Reply.Text(Render(context.Language, context.Kind is ConversationKind.Local)));
    }

    /// <summary>Every command as typed, with its one-line help, in table order; then how a bar is typed in a title and the forms a time may take.</summary>
    public static string Render(string language, bool localChat = false)
    {
        var catalog = MessageCatalog.Default;
        var lines = new List<string> { catalog.Render(language, "help.title") };
        lines.AddRange(CommandTable.All.Select(d => catalog.Render(language, "help.line",
            ("usage", CommandTable.Usage(d, UsageStyle.Text)), ("help", Phrase.Of(d.HelpKey)))));
        lines.Add(catalog.Render(language, "help.bar"));
        lines.Add(catalog.Render(language, "help.when"));
        if (localChat)
        {
            lines.Add(catalog.Render(language, "help.local-names"));
        }

        return string.Join('\n', lines);
    }
}
