namespace ConvenerBot.Core.Conversations;

/// <summary>The engine: takes one inbound message and returns what to say, after committing any change.</summary>
public interface IConvener
{
    Task<Reply> HandleAsync(Inbound inbound, CancellationToken cancellationToken);
}
