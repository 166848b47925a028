using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Core.Commands;

/// <summary>Carries out one kind of command inside the context's transaction; throws <see cref="ConvenerRuleException"/> to refuse.</summary>
public interface ICommandHandler<in TCommand>
    where TCommand : ICommand
{
    Task<Reply> HandleAsync(TCommand command, CommandContext context, CancellationToken cancellationToken);
}
