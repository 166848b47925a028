using System.Text;
using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Commands;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Conversations;

/// <summary>
/// A private chat with the bot is the member's personal space, never a group: it shows their groups and
/// what is pending for them, and it is where private replies will arrive. Group commands get a reply
/// saying where to use them; nothing is created or changed here.
/// </summary>
internal sealed class PrivateChat(IConvenerStore store, TimeProvider time)
{
    public const int MaxUpcoming = 5;

    public async Task<Reply> HandleAsync(Inbound inbound, ICommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var reply = command switch
        {
            HelpCommand => Reply.Text(Welcome(inbound.DisplayName)),
            WhoAmICommand => await OverviewAsync(inbound, cancellationToken),
            _ => Reply.Refusal(
                "That is a group command: use it in your group's chat, where I convene sessions. " +
                "This private chat is yours: /me shows your groups and what is pending for you, and private messages from me arrive here."),
        };

        // Only the delivery id is written, after the read, so that reading never waits for the writer.
        return await store.TryRecordDeliveryAsync(inbound, now, cancellationToken) ? reply with { Private = true } : Reply.Duplicate;
    }

    private static string Welcome(string name) =>
        $"Hello {UserText.CleanName(name, "there")}. This is our private chat, not a group. " +
        "Cases, sessions and contributions live in your group's chat: add me there and type /help. " +
        "Here, /me shows your groups and what is pending for you, and private messages from me (summaries, reminders) arrive here.";

    private async Task<Reply> OverviewAsync(Inbound inbound, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginReadAsync(cancellationToken);
        var memberships = await transaction.Members.ListMembershipsAsync(inbound.Member.Platform, inbound.Member.Id, cancellationToken);
        if (memberships.Count == 0)
        {
            return Reply.Text("I have not met you in any group yet. Write to me in your group's chat (e.g. /me there), and your groups will show up here.");
        }

        var text = new StringBuilder("Your groups:");
        var cases = new StringBuilder();
        var upcoming = new List<(DateTimeOffset At, string Line)>();
        foreach (var (group, member) in memberships)
        {
            text.Append("\n- ").Append(group.Title).Append(": ").Append(CommandContext.Describe(member.Role));
            foreach (var c in (await transaction.Cases.ListAsync(group.Id, cancellationToken))
                .Where(c => c.HolderId == member.Id && c.Status is CaseStatus.Open or CaseStatus.Scheduled))
            {
                cases.Append("\n- ").Append(group.Title).Append(", case ").Append(c.Number).Append(": ")
                    .Append(UserText.Shorten(c.Title, 80)).Append(" (").Append(CaseText.Describe(c.Status)).Append(')');
            }

            foreach (var s in await transaction.Sessions.ListUpcomingAsync(group.Id, cancellationToken))
            {
                var when = s.Status is SessionStatus.Running
                    ? "running now"
                    : inbound.ShowTime?.Invoke(s.ScheduledAt) ?? Scheduling.GroupClock.Format(s.ScheduledAt, group.TimeZone);
                upcoming.Add((s.ScheduledAt, $"\n- {group.Title}, session {s.Number}: {when}"));
            }
        }

        text.Append("\n\nYour cases:").Append(cases.Length == 0 ? "\n- none open" : cases.ToString());
        text.Append("\n\nComing up:");
        text.Append(upcoming.Count == 0 ? "\n- no sessions scheduled" : string.Concat(upcoming.OrderBy(u => u.At).Take(MaxUpcoming).Select(u => u.Line)));
        return Reply.Text(text.ToString());
    }
}
