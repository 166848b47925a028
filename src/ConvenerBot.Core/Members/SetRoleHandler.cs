using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Members;

/// <summary>
/// Gives a member a role. On the platforms the member is found by platform identity (the person replied
/// to, mentioned or picked, or a unique @username), never by display name, which anyone can copy; a person
/// picked by id is added even before they ever wrote. Only the local terminal chat finds people by name.
/// The reply names the member (<see cref="Reply.RoleHolder"/>) however they were found.
/// </summary>
public sealed class SetRoleHandler : ICommandHandler<SetRoleCommand>
{
    public async Task<Reply> HandleAsync(SetRoleCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        context.Require(Role.Organizer, Phrase.Of("action.roles.change"));
        var target = await FindTargetAsync(command, context, cancellationToken);
        if (target.Role == command.Role)
        {
            return Reply.Text(context.Say("reply.role.already", ("name", target.DisplayName), ("role", CommandContext.Describe(command.Role)))) with
            {
                RoleHolder = Holder(target, context),
            };
        }

        // Outside the terminal chat the platform's administrators are organizers whatever is stored.
        if (context.Kind is ConversationKind.Local && target.Role is Role.Organizer
            && (await context.Store.Members.ListAsync(context.Group.Id, cancellationToken)).Count(m => m.Role is Role.Organizer) == 1)
        {
            throw new ConvenerRuleException("rule.role.only-organizer", ("name", target.DisplayName));
        }

        await context.Store.Members.SetRoleAsync(target.Id, command.Role, cancellationToken);
        return Reply.Text(context.Say("reply.role.saved", ("name", target.DisplayName), ("role", CommandContext.Describe(command.Role)))) with
        {
            RoleHolder = Holder(target, context),
        };
    }

    /// <summary>The member as the platform knows them, so the adapter can show them their role's commands.</summary>
    private static MemberRef Holder(Member target, CommandContext context) => new(context.Group.Platform, target.ExternalId);

    private static async Task<Member> FindTargetAsync(SetRoleCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var members = context.Store.Members;
        if (context.Mentioned is { Member: { } person } mentioned)
        {
            var profile = new MemberProfile(person.Id, UserText.CleanName(mentioned.DisplayName, context.Say("name.member.fallback", ("id", person.Id))), UserText.CleanHandle(mentioned.Handle))
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
                ?? throw new ConvenerRuleException("rule.role.handle-unknown", ("handle", handle), ("role", Word(command.Role)));
        }

        if (context.Kind is not ConversationKind.Local)
        {
            throw new ConvenerRuleException("rule.role.not-by-name", ("role", Word(command.Role)));
        }

        if (command.Name is not { Length: > 0 } name)
        {
            throw new ConvenerRuleException("rule.role.whose", ("role", Word(command.Role)));
        }

        var matches = (await members.ListAsync(context.Group.Id, cancellationToken))
            .Where(m => string.Equals(m.DisplayName, name, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            0 => throw new ConvenerRuleException("rule.role.name-unknown", ("name", UserText.Shorten(name, 64))),
            1 => matches[0],
            _ => throw new ConvenerRuleException("rule.role.name-shared", ("count", matches.Count), ("name", UserText.Shorten(name, 64))),
        };
    }

    private static string Word(Role role) => role.ToString().ToLowerInvariant();
}
