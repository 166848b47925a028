using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Core.Members;

public sealed class WhoAmIHandler : ICommandHandler<WhoAmICommand>
{
    public Task<Reply> HandleAsync(WhoAmICommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(Reply.Text(context.Say(
            context.Role != context.Member.Role ? "reply.whoami.admin" : "reply.whoami",
            ("name", context.Member.DisplayName), ("role", CommandContext.Describe(context.Role)), ("group", context.Group.Title))));
    }
}
