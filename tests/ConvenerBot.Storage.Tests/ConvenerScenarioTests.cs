using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Storage.Tests.Support;
using Microsoft.Extensions.Logging;

using ConvenerBot.Testing;

namespace ConvenerBot.Storage.Tests;

/// <summary>The convening loop through the real engine on a real store; run against SQLite and Postgres.</summary>
public abstract class ConvenerScenarioTests(StoreFixture fixture)
{
    [Fact]
    public async Task FullSession_StoresOutcomeAndRendersSummary()
    {
        var chat = await fixture.NewChat().WithRunningSessionAsync();

        await chat.SayAsync("ben", "/next");
        await chat.SayAsync("ben", "/next");
        Assert.StartsWith("Saved your clarifying question", await chat.SayAsync("chloe", "/ask How much is missing?"));
        await chat.SayAsync("ben", "/next");
        Assert.StartsWith("Saved your question", await chat.SayAsync("dan", "/ask What would success look like?"));
        await chat.SayAsync("ben", "/next");
        Assert.StartsWith("Saved your idea", await chat.SayAsync("chloe", "/idea Ask the municipality"));
        Assert.StartsWith("Saved your next step", await chat.SayAsync("ana", "/step Call the municipality"));
        await chat.SayAsync("ben", "/next");
        await chat.SayAsync("dan", "/learn Start early");
        await chat.SayAsync("ana", "/learn Ask for help");
        var ended = await chat.SendAsync("ben", "/session end");

        Assert.Contains("1 next step, 2 learnings, 4 people took part", ended.Messages[0].Text, StringComparison.Ordinal);
        var summary = ended.Messages[1];
        Assert.Equal(MessageFormat.Markdown, summary.Format);
        Assert.Contains("# Session 1 — Case 1: Funding gap", summary.Text, StringComparison.Ordinal);
        Assert.Contains("- **Holder:** ana", summary.Text, StringComparison.Ordinal);
        Assert.Contains("- **Facilitator:** ben", summary.Text, StringComparison.Ordinal);
        Assert.Contains("- **Took part:** ana, ben, chloe, dan", summary.Text, StringComparison.Ordinal);
        Assert.Contains("## 3. Clarify the issue\n\n- Clarifying question from chloe: How much is missing?", summary.Text, StringComparison.Ordinal);
        Assert.Contains("## Next steps chosen by the holder\n\n- Call the municipality", summary.Text, StringComparison.Ordinal);
        Assert.Contains("## Learnings\n\n- dan: Start early\n- ana: Ask for help", summary.Text, StringComparison.Ordinal);
        Assert.Equal(summary.Text, await chat.SayAsync("chloe", "/summary 1"));
        Assert.Contains("discussed", await chat.SayAsync("ana", "/case list"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_NamesTheBuildAndItsCommit_InAGroupAndInAPrivateChat()
    {
        var informational = typeof(Core.Commands.VersionCommand).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        var version = informational.Split('+')[0];
        var commit = informational.Contains('+', StringComparison.Ordinal) ? informational.Split('+')[1][..12] : null;

        foreach (var kind in new[] { ConversationKind.Group, ConversationKind.Private })
        {
            var reply = await fixture.NewChat(kind).SendAsync("ana", "/version");

            Assert.False(reply.Refused);
            var text = Assert.Single(reply.Messages).Text;
            Assert.StartsWith($"ConvenerBot {version}", text, StringComparison.Ordinal);
            Assert.Contains(commit ?? "does not record its commit", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SessionPlannedForAnotherTime_IsStartedOnlyWhenConfirmed_AndOneNeverStartedIsNoLongerUpcoming()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone UTC");
        await chat.SayAsync("ana", "/case open Funding gap");
        await chat.SayAsync("ana", "/case open Second");
        string At(TimeSpan ahead) => (fixture.Time.GetUtcNow() + ahead).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await chat.SayAsync("ana", $"/session schedule {At(TimeSpan.FromDays(3))} case 1");

        var early = await chat.SendAsync("ana", "/session start");

        Assert.True(early.Refused);
        Assert.Contains("Session 1 is planned for", early.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("/session start 1 now", early.Messages[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("running", await chat.SayAsync("ana", "/session list"), StringComparison.Ordinal);
        Assert.StartsWith("Session 1 has started", await chat.SayAsync("ana", "/session start 1 now"), StringComparison.Ordinal);
        await chat.SayAsync("ana", "/session end");

        // Session 2 is due in an hour and a half; four hours later nobody has started it.
        await chat.SayAsync("ana", $"/session schedule {At(TimeSpan.FromMinutes(90))} case 2");
        Assert.Contains("Upcoming sessions:\n2.", await chat.SayAsync("ana", "/session list"), StringComparison.Ordinal);
        fixture.Time.Advance(TimeSpan.FromHours(4));
        await fixture.SessionWork(new RecordingGateway()).RunDueAsync(CancellationToken.None);

        var list = await chat.SayAsync("ana", "/session list");
        Assert.StartsWith("No sessions are coming up.\nMissed (nobody started them in time):\n2. ", list, StringComparison.Ordinal);
        Assert.Contains("No session is scheduled", await chat.SayAsync("ana", "/session start"), StringComparison.Ordinal);
        var late = await chat.SendAsync("ana", "/session start 2");
        Assert.True(late.Refused);
        Assert.Contains("was planned for", late.Messages[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("Session 2 has started", await chat.SayAsync("ana", "/session start 2 now"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInput_GetsSpecificReply_AndChangesNothing()
    {
        var chat = await fixture.NewChat().WithRunningSessionAsync();
        var other = fixture.NewChat();
        await other.SayAsync("zoe", "/case open Elsewhere");
        await chat.SayAsync("ben", "/next");
        await chat.SayAsync("ben", "/next");
        var cases = new (Chat Chat, string Who, string Text, string Expected)[]
        {
            (chat, "chloe", "/frobnicate", "I don't know the command /frobnicate"),
            (chat, "chloe", "just chatting", "start with /"),
            (chat, "chloe", "/case show", "Something is missing"),
            (chat, "chloe", "/case list all", "not a page number"),
            (chat, "chloe", "/case show 99", "There is no case 99"),
            (other, "zoe", "/session start 1", "There is no session 1"),
            (other, "zoe", "/case withdraw 2", "There is no case 2"),
            (chat, "ben", "/session schedule 2026-11-22 10:00 case 1", "is in the past"),
            (chat, "ben", "/session schedule someday case 1", "not a date and time"),
            (chat, "ben", "/session schedule 2026-12-30 10:00 protocol nonsense", "There is no protocol 'nonsense'"),
            (chat, "chloe", "/idea Too early", "We are in stage 3, Clarify the issue"),
            (chat, "chloe", "/learn Too early", "/learn belongs in stage 6"),
            (chat, "ana", "/ask Do I question myself?", "As the holder you receive"),
            (chat, "chloe", "/next", "Only a facilitator or an organizer can move the session"),
            (chat, "chloe", "/session end", "Only a facilitator or an organizer can end sessions"),
            (chat, "chloe", "/role facilitator dan", "Only an organizer can change roles"),
            (chat, "ana", "/role facilitator nobody", "No member called 'nobody'"),
            (chat, "ana", "/role member ana", "the group's only organizer"),
            (chat, "chloe", "/case withdraw 1", "Only the holder (ana) or an organizer"),
            (chat, "ben", "/session start", "Session 1 is already running"),
            (chat, "ben", "/session cancel 1", "only a scheduled session can be cancelled"),
            (chat, "chloe", "/ask ", "The clarifying question is empty"),
            (chat, "chloe", "/ask " + new string('?', 4001), "the limit is 4000"),
            (chat, "chloe", "/ask bell\u0007", "control character (U+0007)"),
            (chat, "chloe", "/ask broken " + (char)0xD800, "lone surrogate"),
            (chat, "ana", "/timezone Mars/Olympus", "is not a time zone I know"),
            (chat, "chloe", "/timezone Europe/Oslo", "Only an organizer can change the group's time zone"),
            (other, "zoe", "/next", "No session is running"),
            (other, "zoe", "/ask Anyone?", "No session is running"),
            (other, "stranger", "/summary 1", "There is no session 1"),
        };

        foreach (var (target, who, text, expected) in cases)
        {
            var before = await fixture.DumpAsync();

            var reply = await target.SayAsync(who, text);

            Assert.True(reply.Contains(expected, StringComparison.Ordinal), $"'{text}' got: {reply}");
            Assert.DoesNotContain("   at ", reply, StringComparison.Ordinal);
            Assert.True(before == await fixture.DumpAsync(), $"'{text}' changed the store");
        }
    }

    [Fact]
    public async Task MetacharacterText_IsStoredVerbatim_AndEscapedWhereRendered()
    {
        var chat = await fixture.NewChat().WithRunningSessionAsync();
        await chat.SayAsync("ben", "/next");
        await chat.SayAsync("ben", "/next");
        const string Nasty = "Robert'); DROP TABLE contributions;-- **bold** [x](http://evil.example) <b>&amp; `tick` 🌱";

        await chat.SayAsync("chloe", "/ask " + Nasty);

        await using (var tx = await fixture.Store.BeginAsync(CancellationToken.None))
        {
            var group = await tx.Groups.GetOrCreateAsync(chat.Conversation, "Test group", "UTC", fixture.Time.GetUtcNow(), CancellationToken.None);
            var session = await tx.Sessions.FindAsync(group.Id, 1, forUpdate: false, CancellationToken.None);
            var stored = Assert.Single(await tx.Contributions.ListAsync(session!.Id, CancellationToken.None));
            Assert.Equal(Nasty, stored.Text);
        }

        var summary = await chat.SayAsync("chloe", "/summary");
        Assert.Contains(@"Robert'); DROP TABLE contributions;-- \*\*bold\*\* \[x\](http://evil.example) \<b\>\&amp; \`tick\` 🌱", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saved_IsReadableFromANewConnection()
    {
        var chat = fixture.NewChat();

        var reply = await chat.SayAsync("ana", "/case open Saved means saved");

        Assert.StartsWith("Saved case 1", reply, StringComparison.Ordinal);
        await using var tx = await fixture.Store.BeginAsync(CancellationToken.None);
        var group = await tx.Groups.GetOrCreateAsync(chat.Conversation, "Test group", "UTC", fixture.Time.GetUtcNow(), CancellationToken.None);
        Assert.Equal("Saved means saved", (await tx.Cases.FindAsync(group.Id, 1, CancellationToken.None))?.Title);
    }

    [Fact]
    public async Task UnexpectedFailure_ShowsOnlyAReference_LogsIt_AndSavesNothing()
    {
        var failing = fixture.CreateConvener(inner => new CommitFailsStore(inner));
        var chat = new Chat(failing);
        var before = await fixture.DumpAsync();

        var reply = await chat.SayAsync("ana", "/case open Never saved");

        var reference = reply.Split("reference ")[1].TrimEnd('.');
        Assert.Matches("^[0-9a-f]{8}$", reference);
        Assert.DoesNotContain("disk", reply, StringComparison.Ordinal);
        Assert.Contains(fixture.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(reference, StringComparison.Ordinal) && e.Exception?.Message == "disk on fire");
        Assert.Equal(before, await fixture.DumpAsync());
    }

    [Fact]
    public async Task Summary_BelongsToThoseWhoTookPart()
    {
        var chat = await fixture.NewChat().WithRunningSessionAsync();
        await chat.SayAsync("chloe", "/here");
        await chat.SayAsync("ben", "/session end");

        Assert.Contains("is for those who took part", await chat.SayAsync("dan", "/summary 1"), StringComparison.Ordinal);
        Assert.StartsWith("# Session 1", await chat.SayAsync("chloe", "/summary 1"), StringComparison.Ordinal);
        Assert.StartsWith("# Session 1", await chat.SayAsync("ana", "/summary"), StringComparison.Ordinal);
        Assert.StartsWith("# Session 1", await chat.SayAsync("eve", "/summary 1", admin: true), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_FirstMemberOrganizes_AdminsOrganize_RolesCanBeGiven()
    {
        var chat = fixture.NewChat();

        Assert.Contains("ana, an organizer", await chat.SayAsync("ana", "/me"), StringComparison.Ordinal);
        Assert.Contains("ben, a member", await chat.SayAsync("ben", "/me"), StringComparison.Ordinal);
        Assert.Contains("an organizer (as an administrator of this chat)", await chat.SayAsync("carl", "/me", admin: true), StringComparison.Ordinal);
        Assert.Contains("Saved: ben is now an organizer", await chat.SayAsync("carl", "/role organizer BEN", admin: true), StringComparison.Ordinal);
        Assert.Contains("Saved: ana is now a member", await chat.SayAsync("ben", "/role member ana"), StringComparison.Ordinal);
        Assert.Contains("Only an organizer", await chat.SayAsync("ana", "/role organizer ana"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdraw_ByHolder_LeavesScheduledSessionWithoutCase()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/case open To withdraw");
        await chat.SayAsync("ana", "/session schedule 2026-12-26 10:00 case 1");

        var reply = await chat.SayAsync("ana", "/case withdraw 1");

        Assert.Contains("Case 1 is withdrawn. Session 1 stays on the calendar without a case", reply, StringComparison.Ordinal);
        Assert.Contains("no case yet", await chat.SayAsync("ana", "/session list"), StringComparison.Ordinal);
        Assert.Contains("has no case yet", await chat.SayAsync("ana", "/session start"), StringComparison.Ordinal);
        Assert.Contains("was withdrawn and cannot be discussed", await chat.SayAsync("ana", "/session start 1 case 1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeZone_IsUsedToReadAndShowTimes()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/case open Zones");

        Assert.Contains("now read and shown in Europe/Oslo", await chat.SayAsync("ana", "/timezone Europe/Oslo"), StringComparison.Ordinal);
        Assert.Contains("Sat 26 Dec 2026 10:00 (Europe/Oslo)", await chat.SayAsync("ana", "/session schedule 2026-12-26 10:00 case 1"), StringComparison.Ordinal);

        await using var tx = await fixture.Store.BeginAsync(CancellationToken.None);
        var group = await tx.Groups.GetOrCreateAsync(chat.Conversation, "Test group", "UTC", fixture.Time.GetUtcNow(), CancellationToken.None);
        var session = await tx.Sessions.FindAsync(group.Id, 1, forUpdate: false, CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2026, 12, 26, 9, 0, 0, TimeSpan.Zero), session!.ScheduledAt);
    }

    [Fact]
    public async Task NewTimeZone_SaysWhatBecomesOfScheduledSessions_WhichKeepTheirMoment()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/timezone Europe/Oslo");
        await chat.SayAsync("ana", "/case open Zones");
        await chat.SayAsync("ana", "/session schedule 2026-12-26 10:00 case 1");

        var reply = await chat.SayAsync("ana", "/timezone Asia/Seoul");

        Assert.Contains("now read and shown in Asia/Seoul", reply, StringComparison.Ordinal);
        Assert.Contains("Scheduled sessions keep their moment; in Asia/Seoul they are now:", reply, StringComparison.Ordinal);
        Assert.Contains("session 1: Sat 26 Dec 2026 18:00 (Asia/Seoul) (was Sat 26 Dec 2026 10:00 (Europe/Oslo))", reply, StringComparison.Ordinal);
        var group = await fixture.StoredGroupAsync(chat);
        await using var tx = await fixture.Store.BeginReadAsync(CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2026, 12, 26, 9, 0, 0, TimeSpan.Zero), (await tx.Sessions.FindAsync(group.Id, 1, forUpdate: false, CancellationToken.None))!.ScheduledAt);
    }

    [Fact]
    public async Task ConcurrentStageMoves_AreSerialised_NoneIsLost()
    {
        var chat = await fixture.NewChat().WithRunningSessionAsync();

        var replies = await Task.WhenAll(Enumerable.Range(0, 7).Select(_ => chat.SayAsync("ben", "/next")));

        Assert.Equal(5, replies.Count(r => r.Contains("stage ", StringComparison.Ordinal) && r.StartsWith("Session 1", StringComparison.Ordinal)));
        Assert.Equal(2, replies.Count(r => r.StartsWith("This is the last stage", StringComparison.Ordinal)));
        Assert.Contains("running, stage 6 of 6", await chat.SayAsync("ben", "/session list"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_ReopensCase_AndListShowsOnlyUpcoming()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/case open Maybe later");
        await chat.SayAsync("ana", "/session schedule 2026-12-26 10:00 case 1");

        Assert.Equal("Session 1 is cancelled.", await chat.SayAsync("ana", "/session cancel 1"));
        Assert.Contains("open", await chat.SayAsync("ana", "/case show 1"), StringComparison.Ordinal);
        Assert.StartsWith("No sessions are coming up", await chat.SayAsync("ana", "/session list"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedeliveredUpdate_HasNoSecondEffect()
    {
        var chat = fixture.NewChat();
        var inbound = chat.Inbound("ana", "/case open Only once") with { DeliveryId = "update-41" };

        var first = await fixture.Convener.HandleAsync(inbound, CancellationToken.None);
        var before = await fixture.DumpAsync();
        var second = await fixture.Convener.HandleAsync(inbound, CancellationToken.None);

        Assert.StartsWith("Saved case 1", first.Messages[0].Text, StringComparison.Ordinal);
        Assert.True(second.AlreadyHandled);
        Assert.Empty(second.Messages);
        Assert.Equal(before, await fixture.DumpAsync());
    }

    [Fact]
    public async Task StageButtons_ActOnlyOnTheirOwnStage_SoADoublePressMovesOnce()
    {
        var chat = await fixture.NewChat().WithRunningSessionAsync();
        var next = new StageButton(StageAction.Next, new StageRef(1, 1));

        var first = await fixture.Convener.HandleAsync(chat.Inbound("ben", "") with { Button = next }, CancellationToken.None);
        var before = await fixture.DumpAsync();
        var second = await fixture.Convener.HandleAsync(chat.Inbound("ben", "") with { Button = next }, CancellationToken.None);
        var byMember = await fixture.Convener.HandleAsync(chat.Inbound("chloe", "") with { Button = new StageButton(StageAction.Next, new StageRef(1, 2)) }, CancellationToken.None);
        var wrongSession = await fixture.Convener.HandleAsync(chat.Inbound("ben", "") with { Button = new StageButton(StageAction.End, new StageRef(7, 2)) }, CancellationToken.None);

        Assert.Equal(new StageRef(1, 2), first.Messages[0].Stage);
        Assert.True(second.Refused);
        Assert.Contains("That belongs to stage 1; session 1 has moved on to stage 2", second.Messages[0].Text, StringComparison.Ordinal);
        Assert.True(byMember.Refused);
        Assert.Contains("Only a facilitator", byMember.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("session 7, which is no longer running", wrongSession.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.DumpAsync());
    }

    [Fact]
    public async Task ReplyToStagePrompt_IsAContributionOfThatStage_OnlyWhileItIsCurrent()
    {
        var chat = await fixture.NewChat().WithRunningSessionAsync();
        await chat.SayAsync("ben", "/next");
        await chat.SayAsync("ben", "/next");
        await chat.SayAsync("ben", "/next");
        await chat.SayAsync("ben", "/next");
        await fixture.Convener.RecordPromptAsync(chat.Conversation, "explore", new StageRef(1, 5), CancellationToken.None);
        await fixture.Convener.RecordPromptAsync(chat.Conversation, "clarify", new StageRef(1, 3), CancellationToken.None);

        var idea = await fixture.Convener.HandleAsync(chat.Inbound("chloe", "Ask the municipality") with { RepliedToMessageId = "explore" }, CancellationToken.None);
        var step = await fixture.Convener.HandleAsync(chat.Inbound("ana", "I will call them") with { RepliedToMessageId = "explore" }, CancellationToken.None);
        var before = await fixture.DumpAsync();
        var late = await fixture.Convener.HandleAsync(chat.Inbound("dan", "A late question") with { RepliedToMessageId = "clarify" }, CancellationToken.None);
        var afterLate = await fixture.DumpAsync();
        var command = await fixture.Convener.HandleAsync(chat.Inbound("dan", "/here") with { RepliedToMessageId = "explore" }, CancellationToken.None);

        Assert.Equal("Saved your idea, chloe.", idea.Messages[0].Text);
        Assert.Equal("Saved your next step, ana.", step.Messages[0].Text);
        Assert.Contains("That belongs to stage 3; session 1 has moved on to stage 5", late.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(before, afterLate);
        Assert.Contains("is present in session 1", command.Messages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplyToARecordedPrompt_IsAContributionOfItsStage_AndAReplyToAnyOtherMessageIsLeftAlone()
    {
        var chat = await fixture.NewChat().WithRunningSessionAsync();
        await chat.SayAsync("ben", "/next");
        await chat.SayAsync("ben", "/next");
        await fixture.Convener.RecordPromptAsync(chat.Conversation, "m-3", new StageRef(1, 3), CancellationToken.None);
        await fixture.Convener.RecordPromptAsync(chat.Conversation, "m-1", new StageRef(1, 1), CancellationToken.None);
        await fixture.Convener.RecordPromptAsync(chat.Conversation, "m-9", new StageRef(9, 1), CancellationToken.None);
        await fixture.Convener.RecordPromptAsync(new ConversationRef("test", "never-seen"), "m-3", new StageRef(1, 3), CancellationToken.None);
        var before = await fixture.DumpAsync();

        var chatter = await fixture.Convener.HandleAsync(chat.Inbound("dan", "Nice weather") with { RepliedToMessageId = "m-answer", DeliveryId = "d1" }, CancellationToken.None);
        var unknownSession = await fixture.Convener.HandleAsync(chat.Inbound("dan", "Hello?") with { RepliedToMessageId = "m-9" }, CancellationToken.None);
        var afterChatter = await fixture.DumpAsync();
        var question = await fixture.Convener.HandleAsync(chat.Inbound("chloe", "How much is missing?") with { RepliedToMessageId = "m-3" }, CancellationToken.None);
        var late = await fixture.Convener.HandleAsync(chat.Inbound("dan", "A late one") with { RepliedToMessageId = "m-1" }, CancellationToken.None);
        var command = await fixture.Convener.HandleAsync(chat.Inbound("dan", "/here") with { RepliedToMessageId = "m-answer" }, CancellationToken.None);
        var privately = await fixture.Convener.HandleAsync(chat.Inbound("chloe", "In private") with { RepliedToMessageId = "m-3", Kind = ConversationKind.Private }, CancellationToken.None);

        Assert.True(chatter.Ignored);
        Assert.Empty(chatter.Messages);
        Assert.True(unknownSession.Ignored);
        Assert.Equal(before, afterChatter);
        Assert.Equal("Saved your clarifying question, chloe.", question.Messages[0].Text);
        Assert.True(late.Refused);
        Assert.True(late.StaleStage);
        Assert.Contains("That belongs to stage 1; session 1 has moved on to stage 3", late.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("is present in session 1", command.Messages[0].Text, StringComparison.Ordinal);
        Assert.True(privately.Ignored);
    }

    [Fact]
    public async Task Suggestions_OfferTheGroupsOwnNumbers_MatchingWhatIsTyped()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/case open Funding gap");
        await chat.SayAsync("ana", "/case open Board trouble");
        await chat.SayAsync("ana", "/case open Withdrawn one");
        await chat.SayAsync("ana", "/case withdraw 3");
        await chat.SayAsync("ana", "/session schedule 2026-12-26 10:00 case 2");
        await fixture.NewChat().SayAsync("zoe", "/case open Elsewhere");
        var before = await fixture.DumpAsync();

        var all = await fixture.Convener.SuggestAsync(chat.Conversation, SuggestionKind.Case, "", 25, CancellationToken.None);
        var typed = await fixture.Convener.SuggestAsync(chat.Conversation, SuggestionKind.Case, "fund", 25, CancellationToken.None);
        var sessions = await fixture.Convener.SuggestAsync(chat.Conversation, SuggestionKind.Session, "", 25, CancellationToken.None);
        var unknown = await fixture.Convener.SuggestAsync(new ConversationRef("test", "never-seen"), SuggestionKind.Case, "", 25, CancellationToken.None);

        Assert.Equal(["2. Board trouble (ana)", "1. Funding gap (ana)"], all.Select(s => s.Label));
        Assert.Equal(1, Assert.Single(typed).Number);
        Assert.Equal("Session 1, Board trouble", Assert.Single(sessions).Label);
        Assert.Empty(unknown);
        Assert.Equal(before, await fixture.DumpAsync());
    }

    [Fact]
    public async Task InactiveConversation_IsReactivatedByItsNextMessage()
    {
        var chat = fixture.NewChat();
        await chat.SayAsync("ana", "/me");

        await fixture.Convener.SetConversationActiveAsync(chat.Conversation, active: false, CancellationToken.None);
        var inactive = await fixture.StoredGroupAsync(chat);
        await chat.SayAsync("ana", "/me");
        var active = await fixture.StoredGroupAsync(chat);

        Assert.Equal((false, true), (inactive.Active, active.Active));
    }

    private sealed class CommitFailsStore(IConvenerStore inner) : IConvenerStore
    {
        public async Task<IStoreTransaction> BeginAsync(CancellationToken cancellationToken) =>
            new Failing(await inner.BeginAsync(cancellationToken));

        public Task<IStoreTransaction> BeginReadAsync(CancellationToken cancellationToken) => inner.BeginReadAsync(cancellationToken);

        public bool IsUnavailable(Exception exception) => inner.IsUnavailable(exception);

        private sealed class Failing(IStoreTransaction inner) : IStoreTransaction
        {
            public Core.Groups.IGroupRepository Groups => inner.Groups;

            public Core.Members.IMemberRepository Members => inner.Members;

            public Core.Cases.ICaseRepository Cases => inner.Cases;

            public Core.Sessions.ISessionRepository Sessions => inner.Sessions;

            public Core.Sessions.IContributionRepository Contributions => inner.Contributions;

            public IDeliveryLog Deliveries => inner.Deliveries;

            public Core.Sessions.IStagePromptRepository Prompts => inner.Prompts;

            public Core.Sessions.ILiveButtonRepository Buttons => inner.Buttons;

            public IDueWorkRepository DueWork => inner.DueWork;

            public Core.Sessions.IRsvpRepository Rsvps => inner.Rsvps;

            public Core.Sessions.IReminderSettingsRepository Reminders => inner.Reminders;

            public Core.Calendar.ICalendarRepository Calendars => inner.Calendars;

            public Core.Series.ISeriesRepository Series => inner.Series;

            public Task CommitAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("disk on fire");

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}

public sealed class SqliteConvenerScenarioTests(SqliteStoreFixture fixture) : ConvenerScenarioTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresConvenerScenarioTests(PostgresStoreFixture fixture) : ConvenerScenarioTests(fixture), IClassFixture<PostgresStoreFixture>;
