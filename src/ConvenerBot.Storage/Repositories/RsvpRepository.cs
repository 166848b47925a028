using ConvenerBot.Core.Sessions;
using Dapper;

namespace ConvenerBot.Storage.Repositories;

internal sealed class RsvpRepository(DbContext db) : IRsvpRepository
{
    public Task SetAsync(long sessionId, long memberId, RsvpAnswer answer, string? caseTitle, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(db.Command(
            """
            INSERT INTO rsvps (session_id, member_id, answer, case_title, answered_at)
            VALUES (@SessionId, @MemberId, @Answer, @CaseTitle, @Now)
            ON CONFLICT (session_id, member_id) DO UPDATE
            SET answer = excluded.answer, case_title = excluded.case_title, answered_at = excluded.answered_at
            """,
            new { SessionId = sessionId, MemberId = memberId, Answer = Statuses.Rsvp.Of(answer), CaseTitle = caseTitle, Now = now },
            cancellationToken));

    public async Task<IReadOnlyList<Rsvp>> ListAsync(long sessionId, CancellationToken cancellationToken)
    {
        var rows = await db.Connection.QueryAsync<RsvpRow>(db.Command(
            """
            SELECT r.member_id, m.external_id, m.display_name, r.answer, r.case_title, r.answered_at, r.reminded_at,
                   p.private_off, p.told_unreachable_at
            FROM rsvps r
            JOIN members m ON m.id = r.member_id
            LEFT JOIN member_reminders p ON p.member_id = r.member_id
            WHERE r.session_id = @SessionId
            ORDER BY r.answered_at, r.member_id
            """, new { SessionId = sessionId }, cancellationToken));
        return [.. rows.Select(r => r.ToRsvp())];
    }

    public async Task MarkRemindedAsync(long sessionId, IReadOnlyCollection<long> memberIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        foreach (var memberId in memberIds)
        {
            await db.Connection.ExecuteAsync(db.Command(
                "UPDATE rsvps SET reminded_at = @Now WHERE session_id = @SessionId AND member_id = @MemberId",
                new { SessionId = sessionId, MemberId = memberId, Now = now }, cancellationToken));
        }
    }

    public Task ForgetRemindedAsync(long sessionId, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(db.Command(
            "UPDATE rsvps SET reminded_at = NULL WHERE session_id = @SessionId", new { SessionId = sessionId }, cancellationToken));

    private sealed class RsvpRow
    {
        public long MemberId { get; set; }

        public string ExternalId { get; set; } = "";

        public string DisplayName { get; set; } = "";

        public string Answer { get; set; } = "";

        public string? CaseTitle { get; set; }

        public DateTimeOffset AnsweredAt { get; set; }

        public DateTimeOffset? RemindedAt { get; set; }

        public bool? PrivateOff { get; set; }

        public DateTimeOffset? ToldUnreachableAt { get; set; }

        public Rsvp ToRsvp() => new(
            MemberId, ExternalId, DisplayName, Statuses.Rsvp.Parse(Answer), CaseTitle, AnsweredAt, RemindedAt, PrivateOff ?? false, ToldUnreachableAt is not null);
    }
}
