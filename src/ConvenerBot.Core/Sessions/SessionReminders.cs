using System.Globalization;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Sessions;

/// <summary>
/// Reminders of a scheduled session, posted in its group a week, a day and an hour before. They are due
/// work written in the transaction that schedules the session and removed in the one that cancels or
/// starts it, so a rolled-back command leaves none and a cancelled session is quiet.
/// </summary>
/// <remarks>
/// Lateness: after downtime only the latest reminder that still applies is posted (an earlier one whose
/// successor is also due is dropped), and none once the session has started, passed or been cancelled.
/// A process that dies between posting and removing the row posts that reminder again once its claim
/// runs out: at most one repeat.
/// </remarks>
public sealed class SessionReminders(IConvenerStore store, GroupNotices notices) : IDueWorkHandler
{
    public const string WorkKind = "session-reminder";

    /// <summary>How long before a session its reminders fall due, earliest first.</summary>
    public static readonly TimeSpan[] Before = [TimeSpan.FromDays(7), TimeSpan.FromDays(1), TimeSpan.FromHours(1)];

    public string Kind => WorkKind;

    /// <summary>Writes the reminders of a newly scheduled session that are still ahead.</summary>
    public static async Task ScheduleAsync(IStoreTransaction transaction, Session session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(session);
        foreach (var before in Before.Where(b => session.ScheduledAt - b > now))
        {
            var payload = ((long)before.TotalMinutes).ToString(CultureInfo.InvariantCulture);
            await transaction.DueWork.AddAsync(
                new DueWork(0, session.GroupId, WorkKind, session.Id, payload, session.ScheduledAt - before, now), cancellationToken);
        }
    }

    /// <summary>Removes a session's reminders (it was cancelled or started).</summary>
    public static Task RemoveAsync(IStoreTransaction transaction, Session session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(session);
        return transaction.DueWork.RemoveForSubjectAsync(WorkKind, session.Id, cancellationToken);
    }

    public async Task<DateTimeOffset?> HandleAsync(DueWork work, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        Groups.Group group;
        string text;
        await using (var transaction = await store.BeginReadAsync(cancellationToken))
        {
            if (work.GroupId is not { } groupId || await transaction.Groups.FindByIdAsync(groupId, cancellationToken) is not { Active: true } found)
            {
                return null;
            }

            var session = (await transaction.Sessions.ListUpcomingAsync(groupId, cancellationToken)).FirstOrDefault(s => s.Id == work.SubjectId);
            if (!long.TryParse(work.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
            {
                return null;
            }

            var before = TimeSpan.FromMinutes(minutes);
            var later = Before.Where(b => b < before).Select(b => session?.ScheduledAt - b).Where(at => at <= now);
            if (session is not { Status: SessionStatus.Scheduled } || session.ScheduledAt <= now || later.Any())
            {
                // Started, cancelled or past; or a later reminder is due too and says it better.
                return null;
            }

            group = found;
            var theCase = session.CaseId is { } caseId ? await transaction.Cases.FindByIdAsync(groupId, caseId, cancellationToken) : null;
            var about = theCase is null
                ? Phrase.Of("label.no-case-yet")
                : Phrase.Of("reply.sessions.case", ("number", theCase.Number), ("title", UserText.Shorten(theCase.Title, 80)));
            text = MessageCatalog.Default.Render(
                group.Language,
                "reminder.session",
                ("number", session.Number),
                ("when", Scheduling.GroupClock.Format(session.ScheduledAt, group.TimeZone)),
                ("about", about));
        }

        await notices.PostAsync(group, text, cancellationToken);
        return null;
    }
}
