using Dapper;
using ConvenerBot.Core.Cases;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Members;
using ConvenerBot.Core.Persistence;
using ConvenerBot.Core.Sessions;
using ConvenerBot.Storage.Tests.Support;

namespace ConvenerBot.Storage.Tests;

/// <summary>What every store must do, checked the same way against SQLite and Postgres.</summary>
public abstract class StoreContractTests(StoreFixture fixture)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, 123, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private static ConversationRef NewConversation() => new("contract", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Groups_GetOrCreate_IsIdempotent_AndNumbersArePerGroup()
    {
        var conversation = NewConversation();
        await using var tx = await fixture.Store.BeginAsync(None);

        var first = await tx.Groups.GetOrCreateAsync(conversation, "Circle", "Europe/Oslo", Now, None);
        var again = await tx.Groups.GetOrCreateAsync(conversation, "Circle renamed", "UTC", Now.AddDays(1), None);
        var other = await tx.Groups.GetOrCreateAsync(NewConversation(), "Other", "UTC", Now, None);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(("Circle renamed", "Europe/Oslo", Now, "en"), (again.Title, again.TimeZone, again.CreatedAt, again.Language));
        var numbers = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add(await tx.Groups.NextCaseNumberAsync(first.Id, None));
        }

        Assert.Equal([1, 2, 3], numbers);
        Assert.Equal(1, await tx.Groups.NextCaseNumberAsync(other.Id, None));
        Assert.Equal(1, await tx.Groups.NextSessionNumberAsync(first.Id, None));
    }

    [Fact]
    public async Task Members_FirstIsOrganizer_NamesFollowThePlatform_RolesPersist()
    {
        await using var tx = await fixture.Store.BeginAsync(None);
        var group = await tx.Groups.GetOrCreateAsync(NewConversation(), "Circle", "UTC", Now, None);

        var ana = await tx.Members.GetOrCreateAsync(group.Id, new MemberProfile("1", "Ana"), firstMemberOrganizes: true, Now, None);
        var ben = await tx.Members.GetOrCreateAsync(group.Id, new MemberProfile("2", "Ben"), firstMemberOrganizes: true, Now, None);
        var renamed = await tx.Members.GetOrCreateAsync(group.Id, new MemberProfile("2", "Benjamin"), firstMemberOrganizes: true, Now, None);
        await tx.Members.SetRoleAsync(ben.Id, Role.Facilitator, None);

        Assert.Equal((Role.Organizer, Role.Member), (ana.Role, ben.Role));
        Assert.Equal((ben.Id, "Benjamin"), (renamed.Id, renamed.DisplayName));
        Assert.Equal([("Ana", Role.Organizer), ("Benjamin", Role.Facilitator)], (await tx.Members.ListAsync(group.Id, None)).Select(m => (m.DisplayName, m.Role)));
    }

    [Fact]
    public async Task Cases_AreFoundOnlyInTheirGroup_AndKeepEveryField()
    {
        await using var tx = await fixture.Store.BeginAsync(None);
        var group = await tx.Groups.GetOrCreateAsync(NewConversation(), "Circle", "UTC", Now, None);
        var other = await tx.Groups.GetOrCreateAsync(NewConversation(), "Other", "UTC", Now, None);
        var ana = await tx.Members.GetOrCreateAsync(group.Id, new MemberProfile("1", "Ana"), firstMemberOrganizes: true, Now, None);

        var added = await tx.Cases.AddAsync(group.Id, 1, ana.Id, "Title ' \" ;", "Line one\nLine two 🌱", Now, None);
        await tx.Cases.SetStatusAsync(added.Id, CaseStatus.Scheduled, None);

        Assert.Equal(added with { Status = CaseStatus.Scheduled }, await tx.Cases.FindAsync(group.Id, 1, None));
        Assert.Equal("Ana", added.HolderName);
        Assert.Null(await tx.Cases.FindAsync(other.Id, 1, None));
        Assert.Null(await tx.Cases.FindByIdAsync(other.Id, added.Id, None));
        Assert.Single(await tx.Cases.ListAsync(group.Id, None));
    }

    [Fact]
    public async Task Sessions_RoundTripEveryField_AndQueriesSelectByStatus()
    {
        await using var tx = await fixture.Store.BeginAsync(None);
        var group = await tx.Groups.GetOrCreateAsync(NewConversation(), "Circle", "UTC", Now, None);
        var ana = await tx.Members.GetOrCreateAsync(group.Id, new MemberProfile("1", "Ana"), firstMemberOrganizes: true, Now, None);
        var theCase = await tx.Cases.AddAsync(group.Id, 1, ana.Id, "Case", null, Now, None);
        var later = await tx.Sessions.AddAsync(group.Id, 2, theCase.Id, "peer-to-peer", Now.AddDays(9), ana.Id, Now, None);
        var soon = await tx.Sessions.AddAsync(group.Id, 1, theCase.Id, "peer-to-peer", Now.AddDays(2), ana.Id, Now, None);

        Assert.Equal([1, 2], (await tx.Sessions.ListUpcomingAsync(group.Id, None)).Select(s => s.Number));
        Assert.Equal([1, 2], (await tx.Sessions.ListScheduledForCaseAsync(theCase.Id, None)).Select(s => s.Number));
        Assert.Null(await tx.Sessions.FindRunningAsync(group.Id, forUpdate: true, None));
        Assert.Null(await tx.Sessions.FindLatestAsync(group.Id, None));

        soon.Start(ana.Id, Now.AddDays(2));
        await tx.Sessions.SaveAsync(soon, None);
        var running = await tx.Sessions.FindRunningAsync(group.Id, forUpdate: true, None);
        Assert.Equal(
            (soon.Id, SessionStatus.Running, 0, (DateTimeOffset?)Now.AddDays(2), (long?)ana.Id, Now.AddDays(2)),
            (running!.Id, running.Status, running.StageIndex!.Value, running.StartedAt, running.FacilitatorId, running.ScheduledAt));
        running.End(Now.AddDays(2).AddHours(1));
        await tx.Sessions.SaveAsync(running, None);
        later.DetachCase();
        await tx.Sessions.SaveAsync(later, None);

        var latest = await tx.Sessions.FindLatestAsync(group.Id, None);
        Assert.Equal((1, SessionStatus.Ended, (DateTimeOffset?)Now.AddDays(2).AddHours(1)), (latest!.Number, latest.Status, latest.EndedAt));
        Assert.Null((await tx.Sessions.FindAsync(group.Id, 2, forUpdate: false, None))!.CaseId);
    }

    [Fact]
    public async Task Migration0003_TakesBackStoredOrganizerRolesOnlyInPlatformGroups()
    {
        long platformGroup, localGroup;
        await using (var tx = await fixture.Store.BeginAsync(None))
        {
            platformGroup = (await tx.Groups.GetOrCreateAsync(NewConversation(), "Channel", "UTC", Now, None)).Id;
            localGroup = (await tx.Groups.GetOrCreateAsync(new ConversationRef("local", Guid.NewGuid().ToString("N")), "Terminal", "UTC", Now, None)).Id;
            foreach (var group in new[] { platformGroup, localGroup })
            {
                var first = await tx.Members.GetOrCreateAsync(group, new MemberProfile("1", "First"), firstMemberOrganizes: true, Now, None);
                var given = await tx.Members.GetOrCreateAsync(group, new MemberProfile("2", "Given"), firstMemberOrganizes: true, Now, None);
                await tx.Members.SetRoleAsync(given.Id, Role.Organizer, None);
                Assert.Equal(Role.Organizer, first.Role);
            }

            await tx.CommitAsync(None);
        }

        var script = fixture.MigrationText("0003_member_handles_and_platform_roles.sql");
        await using (var connection = await fixture.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(script[script.IndexOf("UPDATE", StringComparison.Ordinal)..]);
        }

        await using var check = await fixture.Store.BeginAsync(None);
        Assert.Equal([Role.Member, Role.Member], (await check.Members.ListAsync(platformGroup, None)).Select(m => m.Role));
        Assert.Equal([Role.Organizer, Role.Organizer], (await check.Members.ListAsync(localGroup, None)).Select(m => m.Role));
    }

    [Fact]
    public async Task OneRunningSessionPerGroup_IsEnforcedByTheStore()
    {
        await using var tx = await fixture.Store.BeginAsync(None);
        var group = await tx.Groups.GetOrCreateAsync(NewConversation(), "Circle", "UTC", Now, None);
        var ana = await tx.Members.GetOrCreateAsync(group.Id, new MemberProfile("1", "Ana"), firstMemberOrganizes: true, Now, None);
        var theCase = await tx.Cases.AddAsync(group.Id, 1, ana.Id, "Case", null, Now, None);
        var one = await tx.Sessions.AddAsync(group.Id, 1, theCase.Id, "peer-to-peer", Now.AddDays(1), ana.Id, Now, None);
        var two = await tx.Sessions.AddAsync(group.Id, 2, theCase.Id, "peer-to-peer", Now.AddDays(2), ana.Id, Now, None);
        one.Start(ana.Id, Now);
        two.Start(ana.Id, Now);
        await tx.Sessions.SaveAsync(one, None);

        var conflict = await Assert.ThrowsAsync<Core.Persistence.StoreConflictException>(() => tx.Sessions.SaveAsync(two, None));
        Assert.IsAssignableFrom<System.Data.Common.DbException>(conflict.InnerException);
    }

    [Fact]
    public async Task ContributionsAndAttendance_KeepOrder_AndAttendanceIsIdempotent()
    {
        await using var tx = await fixture.Store.BeginAsync(None);
        var group = await tx.Groups.GetOrCreateAsync(NewConversation(), "Circle", "UTC", Now, None);
        var ana = await tx.Members.GetOrCreateAsync(group.Id, new MemberProfile("1", "Ana"), firstMemberOrganizes: true, Now, None);
        var ben = await tx.Members.GetOrCreateAsync(group.Id, new MemberProfile("2", "Ben"), firstMemberOrganizes: true, Now, None);
        var theCase = await tx.Cases.AddAsync(group.Id, 1, ana.Id, "Case", null, Now, None);
        var session = await tx.Sessions.AddAsync(group.Id, 1, theCase.Id, "peer-to-peer", Now.AddDays(1), ana.Id, Now, None);

        await tx.Contributions.AddAsync(session.Id, ben.Id, "clarify", ContributionKind.ClarifyingQuestion, "First?", Now, None);
        await tx.Contributions.AddAsync(session.Id, ana.Id, "next-steps", ContributionKind.NextStep, "Second", Now, None);
        await tx.Sessions.MarkAttendedAsync(session.Id, ben.Id, Now, None);
        await tx.Sessions.MarkAttendedAsync(session.Id, ana.Id, Now.AddMinutes(1), None);
        await tx.Sessions.MarkAttendedAsync(session.Id, ben.Id, Now.AddMinutes(2), None);

        Assert.Equal(
            [("Ben", ContributionKind.ClarifyingQuestion, "First?", "clarify"), ("Ana", ContributionKind.NextStep, "Second", "next-steps")],
            (await tx.Contributions.ListAsync(session.Id, None)).Select(c => (c.MemberName, c.Kind, c.Text, c.StageKey)));
        Assert.Equal([("Ben", Now), ("Ana", Now.AddMinutes(1))], (await tx.Sessions.ListAttendeesAsync(session.Id, None)).Select(a => (a.DisplayName, a.FirstSeenAt)));
    }

    [Fact]
    public async Task Transaction_NotCommitted_LeavesNoTrace()
    {
        var conversation = NewConversation();
        await using (var tx = await fixture.Store.BeginAsync(None))
        {
            var group = await tx.Groups.GetOrCreateAsync(conversation, "Gone", "UTC", Now, None);
            await tx.Members.GetOrCreateAsync(group.Id, new MemberProfile("1", "Ana"), firstMemberOrganizes: true, Now, None);
        }

        await using var check = await fixture.Store.BeginAsync(None);
        var fresh = await check.Groups.GetOrCreateAsync(conversation, "Gone", "UTC", Now, None);
        Assert.Empty(await check.Members.ListAsync(fresh.Id, None));
    }

    [Fact]
    public async Task Deliveries_AreRecordedOnce_AndForgottenOnlyWhenOld()
    {
        var platform = "contract-" + Guid.NewGuid().ToString("N");
        await using var tx = await fixture.Store.BeginAsync(None);

        var first = await tx.Deliveries.TryRecordAsync(platform, "1", Now.AddDays(-8), None);
        var again = await tx.Deliveries.TryRecordAsync(platform, "1", Now, None);
        await tx.Deliveries.TryRecordAsync(platform, "2", Now.AddDays(-1), None);
        await tx.Deliveries.ForgetBeforeAsync(Now.AddDays(-7), None);

        Assert.Equal((true, false), (first, again));
        Assert.True(await tx.Deliveries.TryRecordAsync(platform, "1", Now, None));
        Assert.False(await tx.Deliveries.TryRecordAsync(platform, "2", Now, None));
    }

    [Fact]
    public async Task StagePrompts_AreFoundByGroupAndMessageId_ARecordAgainReplaces_AndAMoveForgetsThem()
    {
        var conversation = NewConversation();
        await using var tx = await fixture.Store.BeginAsync(None);
        var group = await tx.Groups.GetOrCreateAsync(conversation, "Circle", "UTC", Now, None);
        var other = await tx.Groups.GetOrCreateAsync(NewConversation(), "Other", "UTC", Now, None);
        var ana = await tx.Members.GetOrCreateAsync(group.Id, new MemberProfile("1", "Ana"), firstMemberOrganizes: true, Now, None);
        var theCase = await tx.Cases.AddAsync(group.Id, 1, ana.Id, "Case", null, Now, None);
        var first = await tx.Sessions.AddAsync(group.Id, 1, theCase.Id, "peer-to-peer", Now, ana.Id, Now, None);
        var second = await tx.Sessions.AddAsync(group.Id, 2, theCase.Id, "peer-to-peer", Now, ana.Id, Now, None);

        await tx.Prompts.RecordAsync(group.Id, "101", first.Id, 2, Now, None);
        await tx.Prompts.RecordAsync(group.Id, "102", first.Id, 3, Now, None);
        await tx.Prompts.RecordAsync(group.Id, "102", second.Id, 0, Now.AddMinutes(1), None);

        Assert.Equal(new StageRef(1, 3), await tx.Prompts.FindAsync(group.Id, "101", None));
        Assert.Equal(new StageRef(2, 1), await tx.Prompts.FindAsync(group.Id, "102", None));
        Assert.Null(await tx.Prompts.FindAsync(group.Id, "103", None));
        Assert.Null(await tx.Prompts.FindAsync(other.Id, "101", None));
        Assert.True(await tx.Groups.MoveAsync(conversation, NewConversation(), None));
        Assert.Null(await tx.Prompts.FindAsync(group.Id, "101", None));
    }

    [Fact]
    public async Task Migration0005_GivesBothStoresTheSameStagePromptsTable()
    {
        await using var connection = await fixture.OpenConnectionAsync();

        var columns = await connection.QueryAsync<string>(fixture.IsPostgres
            ? "SELECT column_name FROM information_schema.columns WHERE table_schema = 'convener' AND table_name = 'stage_prompts' ORDER BY ordinal_position"
            : "SELECT name FROM pragma_table_info('stage_prompts') ORDER BY cid");
        var key = await connection.QueryAsync<string>(fixture.IsPostgres
            ? """
              SELECT a.attname FROM pg_index i
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
              WHERE i.indrelid = 'convener.stage_prompts'::regclass AND i.indisprimary
              ORDER BY array_position(i.indkey::smallint[], a.attnum)
              """
            : "SELECT name FROM pragma_table_info('stage_prompts') WHERE pk > 0 ORDER BY pk");

        Assert.Equal(["group_id", "message_id", "session_id", "stage_index", "created_at"], columns);
        Assert.Equal(["group_id", "message_id"], key);
    }

    [Fact]
    public async Task DueWork_IsClaimedOnlyWhenDue_OldestFirst_AndNotAgainWhileTheClaimLasts()
    {
        await using var tx = await fixture.Store.BeginAsync(None);
        var group = await tx.Groups.GetOrCreateAsync(NewConversation(), "Circle", "UTC", Now, None);
        var later = await tx.DueWork.AddAsync(new DueWork(0, group.Id, "reminder", 7, "{\"n\":2}", Now.AddMinutes(1), Now), None);
        var due = await tx.DueWork.AddAsync(new DueWork(0, group.Id, "reminder", 7, null, Now, Now), None);
        var overdue = await tx.DueWork.AddAsync(new DueWork(0, group.Id, "timer", null, null, Now.AddMinutes(-1), Now), None);

        var first = await tx.DueWork.ClaimAsync("a", Now, TimeSpan.FromMinutes(5), 10, None);
        var meanwhile = await tx.DueWork.ClaimAsync("b", Now.AddSeconds(30), TimeSpan.FromMinutes(5), 10, None);
        var laterOn = await tx.DueWork.ClaimAsync("b", Now.AddMinutes(2), TimeSpan.FromMinutes(5), 10, None);

        Assert.Equal([overdue, due], first.Select(w => w.Id));
        Assert.Equal(
            new DueWork(overdue, group.Id, "timer", null, null, Now.AddMinutes(-1), Now) { ClaimedBy = "a", ClaimedUntil = Now.AddMinutes(5) },
            first[0]);
        Assert.Empty(meanwhile);
        var claimed = Assert.Single(laterOn);
        Assert.Equal((later, (long?)7, "{\"n\":2}", "b", (DateTimeOffset?)Now.AddMinutes(7)), (claimed.Id, claimed.SubjectId, claimed.Payload, claimed.ClaimedBy, claimed.ClaimedUntil));
    }

    [Fact]
    public async Task DueWork_ClaimTakesAtMostMax()
    {
        await using var tx = await fixture.Store.BeginAsync(None);
        var group = await tx.Groups.GetOrCreateAsync(NewConversation(), "Circle", "UTC", Now, None);
        for (var i = 0; i < 5; i++)
        {
            await tx.DueWork.AddAsync(new DueWork(0, group.Id, "timer", i, null, Now.AddSeconds(-i), Now), None);
        }

        var claimed = await tx.DueWork.ClaimAsync("a", Now, TimeSpan.FromMinutes(1), 3, None);
        var rest = await tx.DueWork.ClaimAsync("b", Now, TimeSpan.FromMinutes(1), 3, None);

        Assert.Equal([4L, 3L, 2L], claimed.Select(w => w.SubjectId!.Value));
        Assert.Equal([1L, 0L], rest.Select(w => w.SubjectId!.Value));
    }

    [Fact]
    public async Task DueWork_AnExpiredClaim_IsTakenOver_AndOnlyTheNewHolderCompletesIt()
    {
        await using var tx = await fixture.Store.BeginAsync(None);
        var group = await tx.Groups.GetOrCreateAsync(NewConversation(), "Circle", "UTC", Now, None);
        var id = await tx.DueWork.AddAsync(new DueWork(0, group.Id, "reminder", 1, null, Now, Now), None);
        await tx.DueWork.ClaimAsync("a", Now, TimeSpan.FromMinutes(1), 10, None);

        var atExpiry = await tx.DueWork.ClaimAsync("b", Now.AddMinutes(1), TimeSpan.FromMinutes(1), 10, None);
        var byOldHolder = await tx.DueWork.CompleteAsync(id, "a", None);
        var releasedByOldHolder = await tx.DueWork.ReleaseAsync(id, "a", Now, None);
        var byNewHolder = await tx.DueWork.CompleteAsync(id, "b", None);
        var again = await tx.DueWork.CompleteAsync(id, "b", None);
        var left = await tx.DueWork.ClaimAsync("c", Now.AddDays(1), TimeSpan.FromMinutes(1), 10, None);

        Assert.Equal(("b", 0), (Assert.Single(atExpiry).ClaimedBy, atExpiry[0].Attempts));
        Assert.Equal((false, false, true, false), (byOldHolder, releasedByOldHolder, byNewHolder, again));
        Assert.Empty(left);
    }

    [Fact]
    public async Task DueWork_Released_ComesBackAtItsRetryTime_WithOneMoreAttempt()
    {
        await using var tx = await fixture.Store.BeginAsync(None);
        var group = await tx.Groups.GetOrCreateAsync(NewConversation(), "Circle", "UTC", Now, None);
        var id = await tx.DueWork.AddAsync(new DueWork(0, group.Id, "reminder", 1, null, Now, Now), None);
        await tx.DueWork.ClaimAsync("a", Now, TimeSpan.FromMinutes(10), 10, None);

        var released = await tx.DueWork.ReleaseAsync(id, "a", Now.AddMinutes(2), None);
        var early = await tx.DueWork.ClaimAsync("b", Now.AddMinutes(1), TimeSpan.FromMinutes(10), 10, None);
        var onTime = await tx.DueWork.ClaimAsync("b", Now.AddMinutes(2), TimeSpan.FromMinutes(10), 10, None);

        Assert.True(released);
        Assert.Empty(early);
        var work = Assert.Single(onTime);
        Assert.Equal((id, Now.AddMinutes(2), 1, "b"), (work.Id, work.DueAt, work.Attempts, work.ClaimedBy));
    }

    [Fact]
    public async Task DueWork_RemovedForItsSubject_ClaimedOrNot_LeavesOtherSubjectsAndKinds()
    {
        await using var tx = await fixture.Store.BeginAsync(None);
        var group = await tx.Groups.GetOrCreateAsync(NewConversation(), "Circle", "UTC", Now, None);
        var claimedOne = await tx.DueWork.AddAsync(new DueWork(0, group.Id, "reminder", 1, null, Now.AddMinutes(-1), Now), None);
        await tx.DueWork.AddAsync(new DueWork(0, group.Id, "reminder", 1, null, Now.AddHours(1), Now), None);
        var otherSubject = await tx.DueWork.AddAsync(new DueWork(0, group.Id, "reminder", 2, null, Now.AddHours(1), Now), None);
        var otherKind = await tx.DueWork.AddAsync(new DueWork(0, group.Id, "timer", 1, null, Now.AddHours(1), Now), None);
        await tx.DueWork.ClaimAsync("a", Now, TimeSpan.FromMinutes(1), 10, None);

        var removed = await tx.DueWork.RemoveForSubjectAsync("reminder", 1, None);

        Assert.Equal(2, removed);
        Assert.False(await tx.DueWork.CompleteAsync(claimedOne, "a", None));
        Assert.Equal([otherSubject, otherKind], (await tx.DueWork.ClaimAsync("b", Now.AddDays(1), TimeSpan.FromMinutes(1), 10, None)).Select(w => w.Id).Order());
    }

    [Fact]
    public async Task DueWork_AddedInATransactionRolledBack_LeavesNoRow()
    {
        long groupId;
        await using (var tx = await fixture.Store.BeginAsync(None))
        {
            groupId = (await tx.Groups.GetOrCreateAsync(NewConversation(), "Circle", "UTC", Now, None)).Id;
            await tx.CommitAsync(None);
        }

        await using (var tx = await fixture.Store.BeginAsync(None))
        {
            await tx.DueWork.AddAsync(new DueWork(0, groupId, "reminder", 1, null, Now, Now), None);
        }

        await using var connection = await fixture.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM due_work WHERE group_id = @GroupId", new { GroupId = groupId }));
    }

    [Fact]
    public async Task DueWork_OfAGroupThatGivesWayToAMovedOne_GoesWithTheMovedGroup()
    {
        var from = NewConversation();
        var to = NewConversation();
        await using var tx = await fixture.Store.BeginAsync(None);
        var old = await tx.Groups.GetOrCreateAsync(from, "Group", "UTC", Now, None);
        var fresh = await tx.Groups.GetOrCreateAsync(to, "Supergroup", "UTC", Now, None);
        var id = await tx.DueWork.AddAsync(new DueWork(0, fresh.Id, "timer", null, null, Now, Now), None);

        var moved = await tx.Groups.MoveAsync(from, to, None);

        Assert.True(moved);
        var work = Assert.Single(await tx.DueWork.ClaimAsync("a", Now, TimeSpan.FromMinutes(1), 10, None));
        Assert.Equal((id, old.Id), (work.Id, work.GroupId));
    }

    [Fact]
    public async Task Migrate_AgainOnAMigratedDatabase_AppliesNothing()
    {
        var applied = await fixture.MigrateAgainAsync();

        Assert.Empty(applied);
    }
}

public sealed class SqliteStoreContractTests(SqliteStoreFixture fixture) : StoreContractTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresStoreContractTests(PostgresStoreFixture fixture) : StoreContractTests(fixture), IClassFixture<PostgresStoreFixture>;
