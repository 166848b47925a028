using System.Text;
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
            return Reply.Text("No cases yet. Bring one with /case open TITLE | DESCRIPTION.");
        }

        var pages = (cases.Count + PageSize - 1) / PageSize;
        if (command.Page > pages)
        {
            throw new ConvenerRuleException($"There {(pages == 1 ? "is only 1 page" : $"are only {pages} pages")} of cases. See /case list.");
        }

        var text = new StringBuilder(pages == 1 ? "Cases:" : $"Cases, page {command.Page} of {pages}:");
        foreach (var c in cases.Skip((command.Page - 1) * PageSize).Take(PageSize))
        {
            text.Append('\n').Append(c.Number).Append(". ").Append(UserText.Shorten(c.Title, 80))
                .Append(" — ").Append(c.HolderName).Append(", ").Append(CaseText.Describe(c.Status));
        }

        if (pages == 1)
        {
            return Reply.Text(text.ToString());
        }

        if (command.Page < pages)
        {
            text.Append("\nMore: /case list ").Append(command.Page + 1);
        }

        return Reply.Of(new OutboundMessage(text.ToString()) { Page = new PageRef(ButtonCode.CasesList, command.Page, pages) });
    }
}
