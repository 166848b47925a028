using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Core.Cases;

public sealed class ShowCaseHandler : ICommandHandler<ShowCaseCommand>
{
    public async Task<Reply> HandleAsync(ShowCaseCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var c = await context.RequireCaseAsync(command.Number, cancellationToken);
        var text = context.Say(
            "reply.case.show", ("number", c.Number), ("title", c.Title), ("holder", c.HolderName), ("status", CaseText.Describe(c.Status)), ("opened", context.ShowTime(c.OpenedAt)));
        if (c.Description is not null)
        {
            text += "\n\n" + c.Description;
        }

        return Reply.Text(text);
    }
}
