using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Cases;

/// <summary>The group's cases, a page at a time.</summary>
public sealed class ListCasesHandler : ICommandHandler<ListCasesCommand>
{
    public const int PageSize = 20;

    public async Task<Reply> HandleAsync(ListCasesCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var cases = await context.Store.Cases.ListAsync(context.Group.Id, cancellationToken);
        if (cases.Count == 0)
        {
            return Reply.Text(context.Say("reply.cases.none"));
        }

        var pages = (cases.Count + PageSize - 1) / PageSize;
        if (command.Page > pages)
        {
            throw new ConvenerRuleException(pages == 1 ? "rule.cases.no-page.one" : "rule.cases.no-page.other", ("count", pages));
        }

        var lines = new List<string> { pages == 1 ? context.Say("reply.cases.title") : context.Say("reply.cases.title.page", ("page", command.Page), ("pages", pages)) };
        foreach (var c in cases.Skip((command.Page - 1) * PageSize).Take(PageSize))
        {
            lines.Add(context.Say(
                "reply.cases.line", ("number", c.Number), ("title", UserText.Shorten(c.Title, 80)), ("holder", c.HolderName), ("status", CaseText.Describe(c.Status))));
        }

        if (pages == 1)
        {
            return Reply.Text(string.Join('\n', lines));
        }

        if (command.Page < pages)
        {
            lines.Add(context.Say("reply.cases.more", ("page", command.Page + 1)));
        }

        return Reply.Of(new OutboundMessage(string.Join('\n', lines)) { Page = new PageRef(ButtonCode.CasesList, command.Page, pages) });
    }
}
