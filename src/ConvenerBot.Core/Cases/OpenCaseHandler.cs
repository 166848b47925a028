using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Cases;

public sealed class OpenCaseHandler : ICommandHandler<OpenCaseCommand>
{
    public async Task<Reply> HandleAsync(OpenCaseCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var title = UserText.Require(command.Title, Phrase.Of("noun.title"));
        if (title.Length > CommandParser.MaxTitleLength)
        {
            // Every way in (typed text, a slash command's option, a form) meets the same limit here.
            throw new ConvenerRuleException("rule.case.title-too-long", ("length", title.Length), ("max", CommandParser.MaxTitleLength));
        }

        var description = command.Description is null ? null : UserText.Require(command.Description, Phrase.Of("noun.description"));
        var number = await context.Store.Groups.NextCaseNumberAsync(context.Group.Id, cancellationToken);
        await context.Store.Cases.AddAsync(context.Group.Id, number, context.Member.Id, title, description, context.Now, cancellationToken);
        return Reply.Text(context.Say("reply.case.opened", ("number", number), ("title", title)));
    }
}
