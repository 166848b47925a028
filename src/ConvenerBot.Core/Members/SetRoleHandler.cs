using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Members;

/// <summary>
/// Gives a member a role. On the platforms the member is found by platform identity (the person replied
/// to, mentioned or picked, or a unique @username), never by display name, which anyone can copy; a person
/// picked by id is added even before they ever wrote. Only the local terminal chat finds people by name.
/// </summary>
public sealed class SetRoleHandler : ICommandHandler<SetRoleCommand>
{
    public async Task<Reply> HandleAsync(SetRoleCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        context.Require(Role.Organizer, "change roles");
        var target = await FindTargetAsync(command, context, cancellationToken);
        if (target.Role == command.Role)
        {
            return Reply.Text($"{target.DisplayName} is already {CommandContext.Describe(command.Role)}.");
        }

        // Outside the terminal chat the platform's administrators are organizers whatever is stored.
        if (context.Kind is ConversationKind.Local && target.Role is Role.Organizer
            && (await context.Store.Members.ListAsync(context.Group.Id, cancellationToken)).Count(m => m.Role is Role.Organizer) == 1)
        {
            throw new ConvenerRuleException($"{target.DisplayName} is the group's only organizer. Make someone else an organizer first.");
        }

        await context.Store.Members.SetRoleAsync(target.Id, command.Role, cancellationToken);
        return Reply.Text($"Saved: {target.DisplayName} is now {CommandContext.Describe(command.Role)}.");
    }

    private static async Task<Member> FindTargetAsync(SetRoleCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var members = context.Store.Members;
        if (context.Mentioned is { Member: { } person } mentioned)
        {
            var profile = new MemberProfile(person.Id, UserText.CleanName(mentioned.DisplayName, "member " + person.Id), UserText.CleanHandle(mentioned.Handle))
            {
                HandleKnown = mentioned.Handle is not null,
            };
            return await members.GetOrCreateAsync(context.Group.Id, profile, firstMemberOrganizes: false, context.Now, cancellationToken);
        }

        var handle = UserText.CleanHandle(context.Mentioned?.Handle)
            ?? (command.Name is { } typed && typed.StartsWith('@') ? UserText.CleanHandle(typed) : null);
        if (handle is not null)
        {
            return await members.FindByHandleAsync(context.Group.Id, handle, cancellationToken)
                ?? throw new ConvenerRuleException(
                    $"I have not seen @{handle} write in this group yet, so I cannot tell who that is. Reply to one of their messages with /role {Word(command.Role)}, or ask them to write /me here first.");
        }

        if (context.Kind is not ConversationKind.Local)
        {
            throw new ConvenerRuleException(
                $"Roles go to people, not to names: anyone can give themselves a display name. Reply to one of their messages with /role {Word(command.Role)}, " +
                "mention them as @username, or pick them in the member field of the slash command.");
        }

        if (command.Name is not { Length: > 0 } name)
        {
            throw new ConvenerRuleException($"Say whose role to change: /role {Word(command.Role)} NAME.");
        }

        var matches = (await members.ListAsync(context.Group.Id, cancellationToken))
            .Where(m => string.Equals(m.DisplayName, name, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            0 => throw new ConvenerRuleException($"No member called '{UserText.Shorten(name, 64)}' here yet. People appear once they have written to me (e.g. /me)."),
            1 => matches[0],
            _ => throw new ConvenerRuleException($"{matches.Count} members are called '{UserText.Shorten(name, 64)}'; ask one of them to change their display name first."),
        };
    }

    private static string Word(Role role) => role.ToString().ToLowerInvariant();
}
