using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Storage.Tests.Support;
using Dapper;

namespace ConvenerBot.Storage.Tests;

/// <summary>
/// Every change of a session's time or status writes its mirror work (one row per session) in the change's
/// transaction; the work hands the session to the platform's calendar and keeps the event it answers with,
/// so the next change edits that event. A refusal is told to the group once, and again only after a success.
/// </summary>
public abstract class SessionMirrorTests(StoreFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task SchedulingStartingAndEnding_WriteTheWork_AndTheEventIdIsKept()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/case open Secret merger | Worries.");
        await chat.SayAsync("ana", "/role facilitator ana");
        await chat.SayAsync("ana", "/session schedule 2026-12-26 10:00 case 1");
        var session = await SessionAsync(chat, 1);
        Assert.Equal(1, await WorkAsync(session.Id));
        var gateway = new RecordingGateway();

        await fixture.SessionWork(gateway).RunDueAsync(None);
        var (made, before) = Assert.Single(gateway.Mirrored);
        Assert.Null(before);
        Assert.Equal((1, SessionStatus.Scheduled, (string?)null), (made.Number, made.Status, made.Space));
        Assert.Equal(new DateTimeOffset(2026, 12, 26, 10, 0, 0, TimeSpan.Zero), made.Start);
        Assert.Equal(made.Start.AddMinutes(fixture.Protocols.Default.Stages.Sum(s => s.Minutes)), made.End);
        Assert.EndsWith(": session 1", made.Name, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret", made.Name, StringComparison.Ordinal);
        Assert.Equal(new MirroredEvent("event-1", SessionStatus.Scheduled), await EventAsync(session.Id));
        Assert.Equal(0, await WorkAsync(session.Id));

        await chat.SayAsync("ana", "/session start 1 now");
        Assert.Equal(1, await WorkAsync(session.Id));
        await fixture.Convener.RecordSpaceAsync(chat.Conversation, 1, "thread-9", None);
        Assert.Equal(1, await WorkAsync(session.Id));
        await fixture.SessionWork(gateway).RunDueAsync(None);
        Assert.Equal((SessionStatus.Running, "thread-9", new MirroredEvent("event-1", SessionStatus.Scheduled)), (gateway.Mirrored[^1].Session.Status, gateway.Mirrored[^1].Session.Space, gateway.Mirrored[^1].Current));
        Assert.Equal(new MirroredEvent("event-1", SessionStatus.Running), await EventAsync(session.Id));

        await chat.SayAsync("ana", "/session end");
        await fixture.SessionWork(gateway).RunDueAsync(None);
        Assert.Equal(SessionStatus.Ended, gateway.Mirrored[^1].Session.Status);
        Assert.Equal(new MirroredEvent("event-1", SessionStatus.Ended), await EventAsync(session.Id));
        Assert.Equal(3, gateway.Mirrored.Count);
    }

    [Fact]
    public async Task CancellingAndMissing_WriteTheWork_AndARefusalIsToldOnce()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/role facilitator ana");
        var gateway = new RecordingGateway { MirrorAnswer = (_, _) => new EventResult.NotAllowed("403", "discord.events.refused") };
        await chat.SayAsync("ana", "/session schedule 2026-12-26 10:00");
        await fixture.SessionWork(gateway).RunDueAsync(None);
        await chat.SayAsync("ana", "/session schedule 2026-12-27 10:00");
        await fixture.SessionWork(gateway).RunDueAsync(None);
        Assert.Equal(2, gateway.Mirrored.Count);
        var notice = Assert.Single(gateway.PostsTo(chat));
        Assert.Contains("Manage Events", notice.Message.Text, StringComparison.Ordinal);
        Assert.Null(await EventAsync((await SessionAsync(chat, 1)).Id));

        // It works again, then is refused again: told a second time.
        gateway.MirrorAnswer = null;
        await chat.SayAsync("ana", "/session cancel 1");
        Assert.Equal(1, await WorkAsync((await SessionAsync(chat, 1)).Id));
        await fixture.SessionWork(gateway).RunDueAsync(None);
        // Session 1 never had an event and is cancelled now: it gets none, and nothing is asked of the platform.
        Assert.Equal(2, gateway.Mirrored.Count);
        await chat.SayAsync("ana", $"/session schedule {fixture.Time.GetUtcNow().AddHours(1):yyyy-MM-dd HH:mm}");
        await fixture.SessionWork(gateway).RunDueAsync(None);
        Assert.Equal(new MirroredEvent("event-3", SessionStatus.Scheduled), await EventAsync((await SessionAsync(chat, 3)).Id));
        gateway.MirrorAnswer = (_, _) => new EventResult.NotAllowed("403", "discord.events.refused");
        await chat.SayAsync("ana", "/session schedule 2026-12-28 10:00");
        await fixture.SessionWork(gateway).RunDueAsync(None);
        Assert.Equal(2, gateway.PostsTo(chat).Count(p => p.Message.Text.Contains("Manage Events", StringComparison.Ordinal)));

        // Session 3 is not started within the grace period: missed, and its event follows.
        gateway.MirrorAnswer = null;
        fixture.Time.Advance(TimeSpan.FromHours(4));
        await fixture.SessionWork(gateway).RunDueAsync(None);
        Assert.Equal(new MirroredEvent("event-3", SessionStatus.Missed), await EventAsync((await SessionAsync(chat, 3)).Id));
    }

    private async Task<Session> SessionAsync(Chat chat, int number)
    {
        var group = await fixture.StoredGroupAsync(chat);
        await using var tx = await fixture.Store.BeginReadAsync(None);
        return await tx.Sessions.FindAsync(group.Id, number, forUpdate: false, None) ?? throw new InvalidOperationException($"No session {number}.");
    }

    private async Task<MirroredEvent?> EventAsync(long sessionId)
    {
        await using var tx = await fixture.Store.BeginReadAsync(None);
        return await tx.Sessions.FindEventAsync(sessionId, None);
    }

    private async Task<long> WorkAsync(long sessionId)
    {
        await using var connection = await fixture.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM due_work WHERE kind = @Kind AND subject_id = @Id", new { Kind = SessionMirror.WorkKind, Id = sessionId });
    }
}

public sealed class SqliteSessionMirrorTests(SqliteStoreFixture fixture) : SessionMirrorTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresSessionMirrorTests(PostgresStoreFixture fixture) : SessionMirrorTests(fixture), IClassFixture<PostgresStoreFixture>;
