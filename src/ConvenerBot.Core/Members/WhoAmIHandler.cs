using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Core.Members;

public sealed class WhoAmIHandler : ICommandHandler<WhoAmICommand>
{
    public Task<Reply> HandleAsync(WhoAmICommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var admin = context.Role != context.Member.Role ? " (as an administrator of this chat)" : "";
        return Task.FromResult(Reply.Text($"You are {context.Member.DisplayName}, {CommandContext.Describe(context.Role)}{admin} in {context.Group.Title}."));
    }
}
