using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Core.Members;

public sealed class SetRoleHandler : ICommandHandler<SetRoleCommand>
{
    public async Task<Reply> HandleAsync(SetRoleCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        context.Require(Role.Organizer, "change roles");
        var members = await context.Store.Members.ListAsync(context.Group.Id, cancellationToken);
        var matches = members.Where(m => string.Equals(m.DisplayName, command.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        var target = matches.Count switch
        {
            0 => throw new ConvenerRuleException($"No member called '{Text.UserText.Shorten(command.Name, 64)}' here yet. People appear once they have written to me (e.g. /me)."),
            1 => matches[0],
            _ => throw new ConvenerRuleException($"{matches.Count} members are called '{command.Name}'; ask one of them to change their display name first."),
        };

        if (target.Role == command.Role)
        {
            return Reply.Text($"{target.DisplayName} is already {CommandContext.Describe(command.Role)}.");
        }

        if (target.Role is Role.Organizer && members.Count(m => m.Role is Role.Organizer) == 1)
        {
            throw new ConvenerRuleException($"{target.DisplayName} is the group's only organizer. Make someone else an organizer first.");
        }

        await context.Store.Members.SetRoleAsync(target.Id, command.Role, cancellationToken);
        return Reply.Text($"Saved: {target.DisplayName} is now {CommandContext.Describe(command.Role)}.");
    }
}
