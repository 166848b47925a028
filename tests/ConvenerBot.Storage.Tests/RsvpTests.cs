using System.Globalization;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Storage.Tests.Support;
using Dapper;

namespace ConvenerBot.Storage.Tests;

/// <summary>Answers to a session: one per member, replaced when they answer again, shown by /session show; every refusal changes nothing.</summary>
public abstract class RsvpTests(StoreFixture fixture)
{
    [Fact]
    public async Task AnsweringAgain_ReplacesTheAnswer_AndShowSaysWhoIsComing()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone UTC");
        await chat.SayAsync("ana", $"/session schedule {When(Hours(30))}");

        var going = await chat.SendAsync("ben", "/rsvp 1 going");
        await chat.SayAsync("chloe", "/rsvp 1 maybe");
        await chat.SayAsync("dan", "/rsvp #1 can't");
        var offer = await chat.SayAsync("eve", "/rsvp 1 case Hiring | our first employee\nsecond line");
        await chat.SayAsync("chloe", "/rsvp 1 yes");
        await chat.SayAsync("ben", "/rsvp 1 no");

        var ack = Assert.Single(going.Messages);
        Assert.Equal(MessagePurpose.Acknowledgement, ack.Purpose);
        Assert.True(going.Private);
        Assert.StartsWith("Noted: you are going to session 1 on ", ack.Text, StringComparison.Ordinal);
        Assert.EndsWith("Going so far: 1.", ack.Text, StringComparison.Ordinal);
        Assert.Contains("would bring a case: Hiring | our first employee second line. Going so far: 2.", offer, StringComparison.Ordinal);
        var show = await chat.SendAsync("zoe", "/session show 1");
        var card = Assert.Single(show.Messages);
        Assert.Equal(1, card.RsvpFor);
        var lines = card.Text.Split('\n');
        Assert.Matches(@"^Session 1: \w{3} \d+ \w{3} \d{4} \d\d:\d\d \(UTC\), scheduled$", lines[0]);
        Assert.Equal(
            [
                "Case: no case yet",
                "Protocol: Peer-to-peer consultation",
                "Going (2): eve and chloe",
                "Maybe (0): nobody yet",
                "Can't come (2): dan and ben",
                "Cases offered:",
                "- Hiring | our first employee second line (eve)",
                "Answer with /rsvp 1 going, maybe, no, or case TITLE to offer a case.",
            ],
            lines[1..]);
        await using var connection = await fixture.OpenConnectionAsync();
        Assert.Equal(4, await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM rsvps r JOIN sessions s ON s.id = r.session_id JOIN groups g ON g.id = s.group_id WHERE g.external_id = @Id",
            new { Id = chat.Conversation.Id }));
    }

    [Fact]
    public async Task EveryRefusedAnswer_SaysWhy_AndChangesNothing()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone UTC");
        await chat.SayAsync("ana", "/case open Funding gap");
        await chat.SayAsync("ana", $"/session schedule {When(Hours(30))}");
        await chat.SayAsync("ana", $"/session schedule {When(Hours(40))}");
        await chat.SayAsync("ana", "/session cancel 2");
        await chat.SayAsync("ana", $"/session schedule {When(Hours(50))} case 1");
        await chat.SayAsync("ana", "/session start 3 now");
        await chat.SayAsync("ana", $"/session schedule {When(Hours(60))} case 1");
        await chat.SayAsync("ana", $"/session schedule {When(fixture.Time.GetUtcNow().AddMinutes(2))}");
        fixture.Time.Advance(TimeSpan.FromMinutes(3));
        var ended = fixture.NewChat();
        await ended.WithRunningSessionAsync();
        await ended.SayAsync("ben", "/session end");
        var cases = new (Chat Chat, string Text, string Expected)[]
        {
            (chat, "/rsvp 9 going", "There is no session 9 in this group to answer for."),
            (chat, "/rsvp 2 going", "Session 2 was cancelled, so there is nothing to answer."),
            (chat, "/rsvp 3 maybe", "Session 3 has already started, so answers are closed"),
            (ended, "/rsvp 1 going", "Session 1 is over; answers are for sessions still to come."),
            (chat, "/rsvp 5 going", "Session 5 was due at "),
            (chat, "/rsvp 1 case", "Say which case you would bring: /rsvp 1 case TITLE"),
            (chat, "/rsvp 1 case   ", "Say which case you would bring"),
            (chat, "/rsvp 1 going Funding", "A title goes only with case"),
            (chat, "/rsvp 1 case " + new string('x', 201), "The title is 201 characters long; keep it to 200."),
            (chat, "/rsvp 1 case bad\u0007title", "invisible control character"),
            (chat, "/rsvp 1 perhaps", "'perhaps' is not an answer; say going, maybe, no or case."),
            (chat, "/rsvp 1", "Say going, maybe, no or case. Usage: /rsvp ID going|maybe|no|case [TITLE]"),
            (chat, "/rsvp x going", "'x' is not a session number"),
        };

        foreach (var (target, text, expected) in cases)
        {
            var before = await fixture.DumpAsync();

            var reply = await target.SendAsync("zoe", text);

            Assert.True(reply.Refused, $"'{text}' was not refused");
            Assert.Contains(expected, string.Join('\n', reply.Messages.Select(m => m.Text)), StringComparison.Ordinal);
            Assert.True(before == await fixture.DumpAsync(), $"'{text}' changed the store");
        }
    }

    [Fact]
    public async Task APress_BuildsTheCommandTheTextBuilds()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", $"/session schedule {When(Hours(30))}");

        var pressed = RsvpButtonCode.TryParse("r:case:1", out var answer, out var session);
        var bound = RsvpButtonCode.Bind(answer, session, "From the form");
        var reply = await fixture.Convener.HandleAsync(chat.Inbound("ben", "") with { Command = bound.Command }, CancellationToken.None);

        Assert.True(pressed);
        Assert.Equal(Core.Commands.CommandParser.Parse("/rsvp 1 case From the form").Command, bound.Command);
        Assert.Contains("would bring a case: From the form.", reply.Messages[0].Text, StringComparison.Ordinal);
    }

    private DateTimeOffset Hours(int hours) => fixture.Time.GetUtcNow().AddHours(hours);

    private static string When(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

public sealed class SqliteRsvpTests(SqliteStoreFixture fixture) : RsvpTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresRsvpTests(PostgresStoreFixture fixture) : RsvpTests(fixture), IClassFixture<PostgresStoreFixture>;
