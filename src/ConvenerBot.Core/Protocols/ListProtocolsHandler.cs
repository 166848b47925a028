using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Core.Protocols;

public sealed class ListProtocolsHandler(ProtocolCatalog protocols) : ICommandHandler<ListProtocolsCommand>
{
    public Task<Reply> HandleAsync(ListProtocolsCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var lines = protocols.All.Select(p =>
            $"{p.Key}{(p == protocols.Default ? " (default)" : "")} — {p.Name}: {string.Join(" → ", p.Stages.Select(s => s.Title))}");
        return Task.FromResult(Reply.Text("Protocols:\n" + string.Join("\n", lines)));
    }
}
