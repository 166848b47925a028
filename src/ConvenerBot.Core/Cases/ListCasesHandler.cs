using System.Text;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Cases;

public sealed class ListCasesHandler : ICommandHandler<ListCasesCommand>
{
    public async Task<Reply> HandleAsync(ListCasesCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cases = await context.Store.Cases.ListAsync(context.Group.Id, cancellationToken);
        if (cases.Count == 0)
        {
            return Reply.Text("No cases yet. Bring one with /case open TITLE | DESCRIPTION.");
        }

        var text = new StringBuilder("Cases:");
        foreach (var c in cases)
        {
            text.Append('\n').Append(c.Number).Append(". ").Append(UserText.Shorten(c.Title, 80))
                .Append(" — ").Append(c.HolderName).Append(", ").Append(CaseText.Describe(c.Status));
        }

        return Reply.Text(text.ToString());
    }
}
