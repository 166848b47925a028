using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Core.Commands;

public sealed class HelpHandler : ICommandHandler<HelpCommand>
{
    public Task<Reply> HandleAsync(HelpCommand command, CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Reply.Text(CommandHelp.Render()));
}
