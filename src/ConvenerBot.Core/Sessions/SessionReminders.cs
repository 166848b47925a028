using System.Globalization;
using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Sessions;

/// <summary>
/// Reminders of a scheduled session, posted in its group at the group's reminder times (<see cref="ReminderTimes"/>;
/// a week, a day and an hour before unless an organizer set others). They are due work written in the
/// transaction that schedules the session, rewritten in the one that changes the group's times, and removed
/// in the one that cancels or starts it, so a rolled-back command leaves none and a cancelled session is quiet.
/// Each says who is coming so far and carries the answer buttons; the group's earliest reminder (and any two
/// days or more ahead) asks who brings a case when the session has none, and lists the group's open cases.
/// </summary>
/// <remarks>
/// <para>Lateness: after downtime only the latest reminder that still applies is posted (an earlier one whose
/// successor is also due is dropped), and none once the session has started, passed or been cancelled.
/// A process that dies between posting and removing the row posts that reminder again once its claim
/// runs out: at most one repeat.</para>
/// <para>Private reminders: members who answered going, maybe or with a case, and did not turn them off, get
/// the reminder closest to a day before privately too, once; who answered after it (or whose reminder was
/// passed over after downtime) gets the next one privately. A member the platform does not let the bot write
/// to is covered by the group's reminder, and the group is told once per member how to get them privately.</para>
/// </remarks>
public sealed class SessionReminders(IConvenerStore store, GroupNotices notices) : IDueWorkHandler
{
    public const string WorkKind = "session-reminder";

    private const int MaxOpenCasesListed = 5;

    /// <summary>How long work of a group the bot was removed from waits before it looks again.</summary>
    public static readonly TimeSpan InactivePause = TimeSpan.FromHours(1);

    public string Kind => WorkKind;

    /// <summary>The group's reminder times in minutes before a session, earliest first: as set, or the defaults.</summary>
    public static async Task<IReadOnlyList<int>> TimesAsync(IStoreTransaction transaction, long groupId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return await transaction.Reminders.FindTimesAsync(groupId, cancellationToken) ?? ReminderTimes.Default;
    }

    /// <summary>Writes the reminders of a scheduled session that are still ahead, at the group's reminder times.</summary>
    public static async Task ScheduleAsync(IStoreTransaction transaction, Session session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(session);
        foreach (var minutes in (await TimesAsync(transaction, session.GroupId, cancellationToken)).Where(m => session.ScheduledAt.AddMinutes(-m) > now))
        {
            var payload = minutes.ToString(CultureInfo.InvariantCulture);
            await transaction.DueWork.AddAsync(
                new DueWork(0, session.GroupId, WorkKind, session.Id, payload, session.ScheduledAt.AddMinutes(-minutes), now), cancellationToken);
        }
    }

    /// <summary>Removes a session's reminders (it was cancelled or started).</summary>
    public static Task RemoveAsync(IStoreTransaction transaction, Session session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(session);
        return transaction.DueWork.RemoveForSubjectAsync(WorkKind, session.Id, cancellationToken);
    }

    /// <summary>Rewrites the reminders of the group's scheduled sessions after its reminder times changed: removed, and added again where still ahead.</summary>
    public static async Task RescheduleGroupAsync(IStoreTransaction transaction, long groupId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        foreach (var session in (await transaction.Sessions.ListUpcomingAsync(groupId, cancellationToken)).Where(s => s.Status is SessionStatus.Scheduled))
        {
            await RemoveAsync(transaction, session, cancellationToken);
            await ScheduleAsync(transaction, session, now, cancellationToken);
        }
    }

    public async Task<DateTimeOffset?> HandleAsync(DueWork work, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        Groups.Group group;
        Session session;
        OutboundMessage reminder;
        var privately = new List<(Rsvp Member, OutboundMessage Message)>();
        await using (var transaction = await store.BeginReadAsync(cancellationToken))
        {
            if (work.GroupId is not { } groupId || await transaction.Groups.FindByIdAsync(groupId, cancellationToken) is not { } found
                || !int.TryParse(work.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
            {
                return null;
            }

            var times = await TimesAsync(transaction, groupId, cancellationToken);
            var upcoming = (await transaction.Sessions.ListUpcomingAsync(groupId, cancellationToken)).FirstOrDefault(s => s.Id == work.SubjectId);
            if (upcoming is not { Status: SessionStatus.Scheduled } || upcoming.ScheduledAt <= now || !times.Contains(minutes)
                || times.Any(t => t < minutes && upcoming.ScheduledAt.AddMinutes(-t) <= now))
            {
                // Started, cancelled or past; no longer one of the group's times; or a later reminder is due too and says it better.
                return null;
            }

            if (!found.Active)
            {
                // The bot was removed from the chat: the reminder waits (the group comes back when someone writes
                // again) rather than knocking on a closed door; once the session is past it is dropped above.
                return now + InactivePause;
            }

            group = found;
            session = upcoming;
            var language = group.Language;
            string Say(string key, params (string Name, object? Value)[] args) => MessageCatalog.Default.Render(language, key, args);
            var theCase = session.CaseId is { } caseId ? await transaction.Cases.FindByIdAsync(groupId, caseId, cancellationToken) : null;
            var about = theCase is null
                ? Phrase.Of("label.no-case-yet")
                : Phrase.Of("reply.sessions.case", ("number", theCase.Number), ("title", UserText.Shorten(theCase.Title, 80)));
            var when = Scheduling.GroupClock.Format(session.ScheduledAt, group.TimeZone);
            var rsvps = await transaction.Rsvps.ListAsync(session.Id, cancellationToken);
            var lines = new List<string>
            {
                Say("reminder.session", ("number", session.Number), ("when", when), ("about", about)),
                Say("reminder.coming", ("going", rsvps.Count(r => r.IsGoing)), ("maybe", rsvps.Count(r => r.Answer is RsvpAnswer.Maybe))),
            };
            if (theCase is null && ReminderTimes.AsksForCase(minutes, times))
            {
                lines.AddRange(await AskForCaseAsync(transaction, session, rsvps, language, cancellationToken));
            }

            lines.Add(Say("reminder.answer", ("number", session.Number)));
            reminder = new OutboundMessage(string.Join('\n', lines)) { RsvpFor = session.Number };

            if (ReminderTimes.Private(times) is { } privateAt && minutes <= privateAt)
            {
                foreach (var member in rsvps.Where(r => r.IsComing && !r.PrivateOff && r.RemindedAt is null))
                {
                    var text = Say(
                        "reminder.private",
                        ("group", group.Title), ("number", session.Number), ("when", when), ("about", about), ("answer", Answer(member)));
                    privately.Add((member, new OutboundMessage(text)));
                }
            }
        }

        switch (await notices.TryPostAsync(group, reminder, cancellationToken))
        {
            case PostResult.NotDelivered { MaybePosted: false } failed:
                // Thrown back so that the reminder is tried again; nothing was sent privately either.
                throw new InvalidOperationException($"A reminder to group {group.Id} was not delivered: {failed.Reason}");
            case PostResult.ConversationGone:
                // The bot is no longer in the group (now marked inactive): its members are not written to on its behalf.
                return null;
        }

        await RemindPrivatelyAsync(group, session, privately, now, cancellationToken);
        return null;
    }

    /// <summary>Lines asking who brings a case: the cases members offered, and the group's open cases (a few, shortened).</summary>
    private static async Task<List<string>> AskForCaseAsync(
        IStoreTransaction transaction, Session session, IReadOnlyList<Rsvp> rsvps, string language, CancellationToken cancellationToken)
    {
        string Say(string key, params (string Name, object? Value)[] args) => MessageCatalog.Default.Render(language, key, args);
        var lines = new List<string>();
        var offers = rsvps.Where(r => r.Answer is RsvpAnswer.Case && r.CaseTitle is not null).ToList();
        if (offers.Count > 0)
        {
            lines.Add(Say("reminder.offered", ("offers", WordList.And(
                [.. offers.Select(o => Say("reminder.offer", ("title", UserText.Shorten(o.CaseTitle!, 60)), ("name", o.DisplayName)))]))));
        }

        lines.Add(Say("reminder.ask-case", ("number", session.Number)));
        var open = (await transaction.Cases.ListAsync(session.GroupId, cancellationToken)).Where(c => c.Status is CaseStatus.Open).OrderBy(c => c.Number).ToList();
        if (open.Count > 0)
        {
            var listed = string.Join("; ", open.Take(MaxOpenCasesListed).Select(c => Say("reminder.open-case", ("number", c.Number), ("title", UserText.Shorten(c.Title, 40)))));
            lines.Add(open.Count > MaxOpenCasesListed
                ? Say("reminder.open-cases.more", ("cases", listed), ("more", open.Count - MaxOpenCasesListed))
                : Say("reminder.open-cases", ("cases", listed)));
        }

        return lines;
    }

    /// <summary>
    /// Sends the private copies, each only to its member. Who was reached, or could not be and is covered by the
    /// group's reminder, is noted so as not to be reminded privately again; who could not be is named once in the group.
    /// </summary>
    private async Task RemindPrivatelyAsync(
        Groups.Group group, Session session, List<(Rsvp Member, OutboundMessage Message)> privately, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reminded = new List<long>();
        var unreachable = new List<Rsvp>();
        foreach (var (member, message) in privately)
        {
            switch (await notices.PostPrivatelyAsync(group, new MemberRef(group.Platform, member.MemberExternalId), message, cancellationToken))
            {
                case PostResult.Delivered or PostResult.NotDelivered { MaybePosted: true }:
                    reminded.Add(member.MemberId);
                    break;
                case PostResult.PrivateUnreachable:
                    reminded.Add(member.MemberId);
                    if (!member.ToldUnreachable)
                    {
                        unreachable.Add(member);
                    }

                    break;
            }
        }

        var told = new List<long>();
        if (unreachable.Count > 0)
        {
            var hint = MessageCatalog.Default.Render(
                group.Language, "reminder.private.unreachable", ("names", WordList.And([.. unreachable.Select(m => m.DisplayName)])));
            if (await notices.TryPostAsync(group, new OutboundMessage(hint), cancellationToken) is PostResult.Delivered or PostResult.NotDelivered { MaybePosted: true })
            {
                told.AddRange(unreachable.Select(m => m.MemberId));
            }
        }

        if (reminded.Count == 0 && told.Count == 0)
        {
            return;
        }

        await using var transaction = await store.BeginAsync(cancellationToken);
        await transaction.Rsvps.MarkRemindedAsync(session.Id, reminded, now, cancellationToken);
        await transaction.Reminders.MarkToldUnreachableAsync(told, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A member's answer as it is said in their private reminder.</summary>
    public static Phrase Answer(Rsvp rsvp)
    {
        ArgumentNullException.ThrowIfNull(rsvp);
        return rsvp.Answer switch
        {
            RsvpAnswer.Case => Phrase.Of("rsvp.answer.case", ("title", UserText.Shorten(rsvp.CaseTitle ?? "", 60))),
            RsvpAnswer.Maybe => Phrase.Of("rsvp.answer.maybe"),
            RsvpAnswer.No => Phrase.Of("rsvp.answer.no"),
            _ => Phrase.Of("rsvp.answer.going"),
        };
    }
}
