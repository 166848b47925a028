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
            HelpCommand => Reply.Text(Say("private.welcome", ("name", UserText.CleanName(inbound.DisplayName, Say("private.welcome.someone"))))),
            WhoAmICommand => await OverviewAsync(inbound, now, cancellationToken),
            VersionCommand => Reply.Text(VersionHandler.Describe(MessageCatalog.DefaultLanguage)),
            _ => Reply.Refusal(Say("private.group-command")),
        };

        // Only the delivery id is written, after the read, so that reading never waits for the writer.
        return await store.TryRecordDeliveryAsync(inbound, now, cancellationToken) ? reply with { Private = true } : Reply.Duplicate;
    }

    /// <summary>A private chat belongs to no group, so it speaks the catalog's default language.</summary>
    private static string Say(string key, params (string Name, object? Value)[] args) => MessageCatalog.Default.Render(MessageCatalog.DefaultLanguage, key, args);

    private async Task<Reply> OverviewAsync(Inbound inbound, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginReadAsync(cancellationToken);
        var memberships = await transaction.Members.ListMembershipsAsync(inbound.Member.Platform, inbound.Member.Id, cancellationToken);
        if (memberships.Count == 0)
        {
            return Reply.Text(Say("private.overview.no-groups"));
        }

        var groups = new List<string> { Say("private.overview.groups") };
        var cases = new List<string>();
        var upcoming = new List<(DateTimeOffset At, string Line)>();
        foreach (var (group, member) in memberships)
        {
            groups.Add(Say("private.overview.group", ("group", group.Title), ("role", CommandContext.Describe(member.Role))));
            foreach (var c in (await transaction.Cases.ListAsync(group.Id, cancellationToken))
                .Where(c => c.HolderId == member.Id && c.Status is CaseStatus.Open or CaseStatus.Scheduled))
            {
                cases.Add(Say(
                    "private.overview.case", ("group", group.Title), ("number", c.Number), ("title", UserText.Shorten(c.Title, 80)), ("status", CaseText.Describe(c.Status))));
            }

            foreach (var s in await transaction.Sessions.ListUpcomingAsync(group.Id, cancellationToken))
            {
                object when = s.Status is SessionStatus.Running
                    ? Phrase.Of("private.overview.running")
                    : inbound.ShowTime?.Invoke(s.ScheduledAt) ?? Scheduling.GroupClock.Format(s.ScheduledAt, group.TimeZone);
                upcoming.Add((s.ScheduledAt, Say("private.overview.session", ("group", group.Title), ("number", s.Number), ("when", when))));
            }
        }

        var lines = groups
            .Append("").Append(Say("private.overview.cases")).Concat(cases.Count == 0 ? [Say("private.overview.cases.none")] : cases)
            .Append("").Append(Say("private.overview.upcoming"))
            .Concat(upcoming.Count == 0 ? [Say("private.overview.upcoming.none")] : upcoming.OrderBy(u => u.At).Take(MaxUpcoming).Select(u => u.Line));
        return Reply.Text(string.Join('\n', lines));
    }
}
