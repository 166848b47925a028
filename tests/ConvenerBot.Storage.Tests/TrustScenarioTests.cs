using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;
using ConvenerBot.Storage.Tests.Support;

namespace ConvenerBot.Storage.Tests;

/// <summary>Who may do what, private chats and hostile input, through the real engine on a real store (SQLite and Postgres).</summary>
public abstract class TrustScenarioTests(StoreFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task PlatformGroup_FirstWriterIsNotOrganizer_AdminsAre()
    {
        var chat = fixture.NewChat(ConversationKind.Group);

        var first = await chat.SayAsync("mallory", "/me");
        var promote = await chat.SendAsync("mallory", "/role organizer mallory");
        var zone = await chat.SendAsync("mallory", "/timezone Pacific/Kiritimati");
        var admin = await chat.SayAsync("ada", "/me", admin: true);

        Assert.Equal("You are mallory, a member in Test group.", first);
        Assert.True(promote.Refused);
        Assert.Contains("administrators are its organizers", promote.Messages[0].Text, StringComparison.Ordinal);
        Assert.True(zone.Refused);
        Assert.Equal("UTC", (await fixture.StoredGroupAsync(chat)).TimeZone);
        Assert.Equal("You are ada, an organizer (as an administrator of this chat) in Test group.", admin);
    }

    [Fact]
    public async Task PlatformGroup_RoleByDisplayName_IsRefused_AndAnImpostorGetsNothing()
    {
        var chat = fixture.NewChat(ConversationKind.Group);
        await chat.SayAsync("dee-real", "/me");
        await fixture.Convener.HandleAsync(Named(chat, "dee-fake", "Dee", "/me"), None);
        var before = await fixture.DumpAsync();

        var byName = await chat.SendAsync("ada", "/role facilitator Dee", admin: true);
        Assert.True(byName.Refused);
        Assert.Contains("Roles go to people, not to names", byName.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.DumpAsync());

        var picked = await fixture.Convener.HandleAsync(
            chat.Inbound("ada", "/role facilitator", admin: true) with { Mentioned = new MemberMention(new MemberRef("test", "dee-real"), null, "Dee") },
            None);

        Assert.Equal("Saved: Dee is now a facilitator.", picked.Messages[0].Text);
        Assert.Contains("a facilitator", await chat.SayAsync("dee-real", "/me"), StringComparison.Ordinal);
        Assert.Contains("a member", (await fixture.Convener.HandleAsync(Named(chat, "dee-fake", "Dee", "/me"), None)).Messages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlatformGroup_PickedMember_IsPromotedById_BeforeTheyEverWrote()
    {
        var chat = fixture.NewChat(ConversationKind.Group);

        var picked = await fixture.Convener.HandleAsync(
            chat.Inbound("ada", "/role facilitator", admin: true) with { Mentioned = new MemberMention(new MemberRef("test", "newcomer"), null, "Nora") },
            None);
        var schedule = await chat.SayAsync("newcomer", "/session schedule 2026-12-26 10:00");

        Assert.Equal("Saved: Nora is now a facilitator.", picked.Messages[0].Text);
        Assert.StartsWith("Saved: session 1", schedule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlatformGroup_RoleByHandle_FindsWhoeverHoldsItNow()
    {
        var chat = fixture.NewChat(ConversationKind.Group);
        await fixture.Convener.HandleAsync(chat.Inbound("u1", "/me") with { Handle = "Dee_K" }, None);
        await fixture.Convener.HandleAsync(chat.Inbound("u2", "/me") with { Handle = "dee_k" }, None);

        var unknown = await chat.SendAsync("ada", "/role facilitator @nobody_here", admin: true);
        var known = await chat.SayAsync("ada", "/role facilitator @DEE_K", admin: true);

        Assert.True(unknown.Refused);
        Assert.Contains("I have not seen @nobody_here write in this group", unknown.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal("Saved: u2 is now a facilitator.", known);
        Assert.Contains("a member", await chat.SayAsync("u1", "/me"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlatformGroup_AHandleGivenUp_IsForgotten_SoItCannotPointAtTheFormerHolder()
    {
        var chat = fixture.NewChat(ConversationKind.Group);
        await fixture.Convener.HandleAsync(chat.Inbound("u1", "/me") with { Handle = "sam" }, None);
        await fixture.Convener.HandleAsync(chat.Inbound("u1", "/me") with { Handle = null }, None);

        var reply = await chat.SendAsync("ada", "/role organizer @sam", admin: true);

        Assert.True(reply.Refused);
        Assert.Contains("I have not seen @sam write in this group", reply.Messages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlatformGroup_OrganizerCanBeDemoted_AdminsStayOrganizers()
    {
        var chat = fixture.NewChat(ConversationKind.Group);
        await fixture.Convener.HandleAsync(
            chat.Inbound("ada", "/role organizer", admin: true) with { Mentioned = new MemberMention(new MemberRef("test", "bo"), null, "bo") }, None);

        var demoted = await fixture.Convener.HandleAsync(
            chat.Inbound("ada", "/role member", admin: true) with { Mentioned = new MemberMention(new MemberRef("test", "bo"), null, "bo") }, None);

        Assert.Equal("Saved: bo is now a member.", demoted.Messages[0].Text);
        Assert.Contains("an organizer", await chat.SayAsync("ada", "/me", admin: true), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrivateChat_IsAPersonalSpace_NotAGroup()
    {
        var group = fixture.NewChat(ConversationKind.Group);
        await group.SayAsync("pia", "/case open Funding gap");
        var direct = new ConversationRef("test", "dm-" + Guid.NewGuid().ToString("N"));
        Inbound Private(string text) => new(direct, "pia", new MemberRef("test", "pia"), "pia", false, text) { Kind = ConversationKind.Private };
        var before = await fixture.DumpAsync();

        var help = await fixture.Convener.HandleAsync(Private("/start"), None);
        var me = await fixture.Convener.HandleAsync(Private("/me"), None);
        var groupCommand = await fixture.Convener.HandleAsync(Private("/case open Not here"), None);

        Assert.Contains("This is our private chat, not a group", help.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("- Test group: a member", me.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("- Test group, case 1: Funding gap (open)", me.Messages[0].Text, StringComparison.Ordinal);
        Assert.True(groupCommand.Refused);
        Assert.Contains("use it in your group's chat", groupCommand.Messages[0].Text, StringComparison.Ordinal);
        Assert.True(new[] { help, me, groupCommand }.All(r => r.Private));
        Assert.Equal(before, await fixture.DumpAsync());
        await using var tx = await fixture.Store.BeginAsync(None);
        Assert.Null(await tx.Groups.FindAsync(direct, None));
    }

    [Fact]
    public async Task RefusedAndUnparsableDeliveries_AreRecorded_SoARedeliveryIsSilent()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/me");
        var refused = chat.Inbound("ana", "/case show 42") with { DeliveryId = "r-" + Guid.NewGuid().ToString("N") };
        var garbled = chat.Inbound("ana", "/frobnicate") with { DeliveryId = "g-" + Guid.NewGuid().ToString("N") };

        var first = (await fixture.Convener.HandleAsync(refused, None), await fixture.Convener.HandleAsync(garbled, None));
        var again = (await fixture.Convener.HandleAsync(refused, None), await fixture.Convener.HandleAsync(garbled, None));

        Assert.True(first.Item1.Refused && first.Item2.Refused);
        Assert.True(again.Item1.AlreadyHandled && again.Item2.AlreadyHandled);
        Assert.Empty(again.Item1.Messages);
    }

    [Theory]
    [InlineData("UTC", "9999-12-31 23:59", "too far ahead")]
    [InlineData("Pacific/Kiritimati", "9999-12-31 23:59", "too far ahead")]
    [InlineData("Pacific/Kiritimati", "0001-01-01 00:00", "in the past")]
    [InlineData("Pacific/Pago_Pago", "0000-01-01 00:00", "in the past")]
    [InlineData("UTC", "2032-01-01 10:00", "too far ahead")]
    [InlineData("UTC", "-0001-01-01 00:00", "in the past")]
    [InlineData("Pacific/Kiritimati", "-9998-01-01 00:00", "in the past")]
    public async Task Schedule_FarOffDates_AreRefusedClearly(string zone, string when, string expected)
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone " + zone);
        var before = await fixture.DumpAsync();

        var reply = await chat.SendAsync("ana", $"/session schedule {when}");

        Assert.True(reply.Refused, reply.Messages[0].Text);
        Assert.Contains(expected, reply.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("up to 5 years ahead", reply.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.DumpAsync());
    }

    [Fact]
    public async Task SessionStoredAtTheEdgeOfTheCalendar_DoesNotBreakTheGroupInAnotherZone()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/case open Old data");
        var group = await fixture.StoredGroupAsync(chat);
        await using (var tx = await fixture.Store.BeginAsync(None))
        {
            var ana = (await tx.Members.ListAsync(group.Id, None)).Single();
            await tx.Sessions.AddAsync(group.Id, await tx.Groups.NextSessionNumberAsync(group.Id, None), null, "peer-to-peer",
                new DateTimeOffset(9999, 12, 31, 23, 59, 0, TimeSpan.Zero), ana.Id, fixture.Time.GetUtcNow(), None);
            await tx.CommitAsync(None);
        }

        var zone = await chat.SendAsync("ana", "/timezone Pacific/Kiritimati");
        var list = await chat.SendAsync("ana", "/session list");

        Assert.False(zone.Refused, zone.Messages[0].Text);
        Assert.Contains("• session 1: Fri 31 Dec 9999 23:59 (UTC)", zone.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal("Pacific/Kiritimati", (await fixture.StoredGroupAsync(chat)).TimeZone);
        Assert.False(list.Refused);
        Assert.Contains("1. Fri 31 Dec 9999 23:59 (UTC)", list.Messages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaseTitle_WithAnEscapedBar_IsStoredWithTheBar()
    {
        var chat = fixture.NewChat();

        var opened = await chat.SendAsync("ana", @"/case open Budget \| cuts | what we drop first");

        Assert.False(opened.Refused, opened.Messages[0].Text);
        var group = await fixture.StoredGroupAsync(chat);
        await using var tx = await fixture.Store.BeginAsync(None);
        var stored = Assert.Single(await tx.Cases.ListAsync(group.Id, None));
        Assert.Equal(("Budget | cuts", "what we drop first"), (stored.Title, stored.Description));
    }

    [Fact]
    public async Task Text_WithNoncharacters_GetsAClearReply_AndChangesNothing()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/me");
        var before = await fixture.DumpAsync();

        var replies = new[] { "/case open Budget \uFFFE cuts", "/case open Budget | \uFDD0", "/case open Plane end \U0010FFFF" };
        foreach (var text in replies)
        {
            var reply = await chat.SendAsync("ana", text);
            Assert.True(reply.Refused, reply.Messages[0].Text);
            Assert.Contains("which is not a character", reply.Messages[0].Text, StringComparison.Ordinal);
        }

        Assert.Equal(before, await fixture.DumpAsync());
    }

    [Fact]
    public async Task NamesAndTitles_WithAnEmojiAcrossTheLimit_AreCutWhole_AndTheGroupKeepsWorking()
    {
        var title = new string('a', 63) + "😀b";
        var chat = new Chat(fixture.Convener, fixture.Time);
        var name = new string('n', 63) + "😀";
        var inbound = new Inbound(chat.Conversation, title, new MemberRef("test", "emoji"), name, false, "/case open Works") { Kind = ConversationKind.Local };

        var first = await fixture.Convener.HandleAsync(inbound, None);
        var second = await fixture.Convener.HandleAsync(inbound with { Text = "/case list" }, None);

        Assert.StartsWith("Saved case 1: Works. You are its holder.", first.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("1. Works — " + new string('n', 63), second.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(new string('a', 63), (await fixture.StoredGroupAsync(chat)).Title);
    }

    [Fact]
    public async Task Summary_ListsNextStepsAndLearningsOnce()
    {
        var chat = await fixture.NewChat().WithRunningSessionAsync();
        for (var i = 0; i < 4; i++)
        {
            await chat.SayAsync("ben", "/next");
        }

        await chat.SayAsync("ana", "/step Call the municipality");
        await chat.SayAsync("ben", "/next");
        await chat.SayAsync("dan", "/learn Start early");

        var summary = (await chat.SendAsync("ben", "/session end")).Messages[1].Text;

        var asked = await chat.SendAsync("dan", "/summary 1");
        Assert.True(asked.Private && asked.Messages.Single().Confidential);
        Assert.Equal(1, Occurrences(summary, "Call the municipality"));
        Assert.Equal(1, Occurrences(summary, "Start early"));
    }

    [Fact]
    public async Task Holder_WhoTypesNothing_TookPartInTheirOwnSession()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/case open Quiet holder");
        await chat.SayAsync("ben", "/me");
        await chat.SayAsync("ana", "/role facilitator ben");
        await chat.SayAsync("ben", "/session schedule 2026-12-26 10:00 case 1");
        await chat.SayAsync("ben", "/session start 1 now");

        var ended = await chat.SendAsync("ben", "/session end");

        Assert.Contains("2 people took part", ended.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("- **Took part:** ana, ben", ended.Messages[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndButton_AsksForConfirmation_ThenEnds_AndTheLastStageHasNoNext()
    {
        var chat = await fixture.NewChat().WithRunningSessionAsync();
        StageRef stage = default;
        IReadOnlyList<StageAction>? actions = null;
        for (var i = 0; i < 5; i++)
        {
            var prompt = (await chat.SendAsync("ben", "/next")).Messages[0];
            (stage, actions) = (prompt.Stage!.Value, prompt.Actions);
        }

        var before = await fixture.DumpAsync();
        var ask = await fixture.Convener.HandleAsync(chat.Inbound("ben", "") with { Button = new StageButton(StageAction.End, stage) }, None);
        // Asking changes nothing: once the question is delivered, not even its outbox row is left.
        await fixture.Convener.SettleAsync(ask, [], None);
        Assert.Equal(before, await fixture.DumpAsync());
        var confirmed = await fixture.Convener.HandleAsync(chat.Inbound("ben", "") with { Button = new StageButton(StageAction.ConfirmEnd, stage) }, None);

        Assert.Equal([StageAction.Back, StageAction.End], actions);
        Assert.Equal(new StageRef(1, 6), stage);
        Assert.True(ask.Private);
        Assert.StartsWith("End session 1 now?", ask.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal([StageAction.ConfirmEnd], ask.Messages[0].Actions);
        Assert.StartsWith("Session 1 has ended", confirmed.Messages[0].Text, StringComparison.Ordinal);
        Assert.True(confirmed.Messages[0].ClosesSpace);
    }

    [Fact]
    public async Task Contribution_IsAcknowledgedToTheMember_AndEchoedForTheGroup()
    {
        var chat = await fixture.NewChat().WithRunningSessionAsync();
        await chat.SayAsync("ben", "/next");
        await chat.SayAsync("ben", "/next");

        var reply = await chat.SendAsync("chloe", "/ask How much is missing?");

        Assert.Equal(
            [(MessagePurpose.Acknowledgement, "Saved your clarifying question, chloe."), (MessagePurpose.Echo, "chloe, clarifying question:\nHow much is missing?")],
            reply.Messages.Select(m => (m.Purpose, m.Text)));
    }

    [Fact]
    public async Task CaseList_IsPaged()
    {
        var chat = fixture.NewChat();
        for (var i = 1; i <= 45; i++)
        {
            await chat.SayAsync("ana", $"/case open Case number {i}");
        }

        var first = (await chat.SendAsync("ana", "/case list")).Messages.Single();
        var last = (await chat.SendAsync("ana", "/case list 3")).Messages.Single();
        var beyond = await chat.SendAsync("ana", "/case list 4");

        Assert.Equal(new PageRef("cases", 1, 3), first.Page);
        Assert.Contains("20. Case number 20", first.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("21. Case number 21", first.Text, StringComparison.Ordinal);
        Assert.EndsWith("More: /case list 2", first.Text, StringComparison.Ordinal);
        Assert.Contains("45. Case number 45", last.Text, StringComparison.Ordinal);
        Assert.True(beyond.Refused);
        Assert.Contains("only 3 pages", beyond.Messages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MovedConversation_KeepsCasesSessionsAndRoles()
    {
        var old = await fixture.NewChat(ConversationKind.Group).WithRunningSessionAsync();
        var moved = new ConversationRef("test", Guid.NewGuid().ToString("N"));
        await fixture.Convener.HandleAsync(new Inbound(moved, "Test group", new MemberRef("test", "chloe"), "chloe", false, "/me"), None);

        Assert.True(await fixture.Convener.MoveConversationAsync(old.Conversation, moved, None));
        Assert.True(await fixture.Convener.MoveConversationAsync(old.Conversation, moved, None));
        var next = await fixture.Convener.HandleAsync(new Inbound(moved, "Test group", new MemberRef("test", "ben"), "ben", false, "/next"), None);
        var list = await fixture.Convener.HandleAsync(new Inbound(moved, "Test group", new MemberRef("test", "ben"), "ben", false, "/case list"), None);

        Assert.StartsWith("Session 1 · stage 2 of 6", next.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("1. Funding gap", list.Messages[0].Text, StringComparison.Ordinal);
        await using var tx = await fixture.Store.BeginAsync(None);
        Assert.Null(await tx.Groups.FindAsync(old.Conversation, None));
    }

    private static Inbound Named(Chat chat, string id, string displayName, string text) =>
        chat.Inbound(id, text) with { Member = new MemberRef("test", id), DisplayName = displayName };

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}

public sealed class SqliteTrustScenarioTests(SqliteStoreFixture fixture) : TrustScenarioTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresTrustScenarioTests(PostgresStoreFixture fixture) : TrustScenarioTests(fixture), IClassFixture<PostgresStoreFixture>;
