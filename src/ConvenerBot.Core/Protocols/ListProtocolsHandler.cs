using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Core.Protocols;

public sealed class ListProtocolsHandler(ProtocolCatalog protocols) : ICommandHandler<ListProtocolsCommand>
{
    public Task<Reply> HandleAsync(ListProtocolsCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var lines = protocols.All.Select(p => context.Say(
            p == protocols.Default ? "reply.protocols.line.default" : "reply.protocols.line",
            ("key", p.Key), ("name", p.Name), ("stages", string.Join(" → ", p.Stages.Select(s => s.Title)))));
        return Task.FromResult(Reply.Text(string.Join('\n', lines.Prepend(context.Say("reply.protocols.title")))));
    }
}
