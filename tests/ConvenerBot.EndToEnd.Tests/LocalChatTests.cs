using Npgsql;

namespace ConvenerBot.EndToEnd.Tests;

/// <summary>Whole sessions through the executable's local terminal chat, then read back by a second process.</summary>
public sealed class LocalChatTests : IDisposable
{
    private const string Session =
        """
        /as ana
        /case open Funding gap for our youth programme | Our main grant ends in March.
        /as ben
        /as ana
        /role facilitator ben
        /as ben
        /session schedule 2030-12-28 10:00 case 1
        /session start now
        /as chloe
        /ask How much is missing?
        /as ben
        /next
        /next
        /as chloe
        /ask How much is missing? **all of it** '; DROP TABLE cases; --
        /as ben
        /next
        /as chloe
        /ask What would success look like in a year?
        /as ben
        /next
        /as chloe
        /idea Talk to the municipality about co-funding
        /as ana
        /step Call the municipality before Christmas
        /as ben
        /next
        /as chloe
        /learn Funding talks start earlier than I thought
        /as ana
        /learn Asking early works
        /as ben
        /session end

        """;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("convenerbot-e2e-");

    [Fact]
    public async Task FullSession_OnSqlite_IsStored_AndASecondProcessReadsTheSummary() =>
        await FullSessionAsync(new Dictionary<string, string>
        {
            ["CONVENERBOT__Storage__ConnectionString"] = $"Data Source={Path.Combine(_directory.FullName, "bot.db")}",
        });

    [Fact]
    public async Task FullSession_OnPostgres_IsStored_AndASecondProcessReadsTheSummary()
    {
        var server = Environment.GetEnvironmentVariable("CONVENERBOT_TEST_PG")
            ?? throw new InvalidOperationException("CONVENERBOT_TEST_PG is not set. Run the tests with scripts/test.sh.");
        var database = $"convener_e2e_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            await FullSessionAsync(new Dictionary<string, string>
            {
                ["CONVENERBOT__Storage__Provider"] = "postgres",
                ["CONVENERBOT__Storage__ConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = false }.ConnectionString,
            });
        }
        finally
        {
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task MalformedProtocolFile_StopsStartup_NamingFileAndField()
    {
        var protocols = _directory.CreateSubdirectory("protocols");
        var file = Path.Combine(protocols.FullName, "broken.json");
        await File.WriteAllTextAsync(file, """{ "key": "broken", "name": "Broken", "stages": [ { "key": "a", "title": "A", "prompt": "P", "minutes": "ten" } ] }""");

        var (exitCode, output, error) = await BotProcess.RunAsync("/help\n", _directory.FullName, Sqlite(), "--Convener:ProtocolsPath=" + protocols.FullName, "--Convener:DefaultProtocol=broken");

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains($"ConvenerBot cannot start: Protocol file {file}: stages[0].minutes: must be a whole number", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidSetting_StopsStartupWithAClearMessage()
    {
        var (exitCode, _, error) = await BotProcess.RunAsync("", _directory.FullName, Sqlite(), "--Storage:Provider=oracle");

        Assert.Equal(2, exitCode);
        Assert.Contains("Storage:Provider must be 'sqlite' or 'postgres'.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateVerb_AppliesOnce_ThenReportsUpToDate()
    {
        var first = await BotProcess.RunAsync("", _directory.FullName, Sqlite(), "migrate");
        var second = await BotProcess.RunAsync("", _directory.FullName, Sqlite(), "migrate");

        // Every SQLite script shipped in the Storage assembly, in order.
        var scripts = typeof(ConvenerBot.Storage.StorageOptions).Assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Migrations.Sqlite.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[(n.IndexOf(".Migrations.Sqlite.", StringComparison.Ordinal) + ".Migrations.Sqlite.".Length)..])
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("0001_initial.sql", scripts);
        Assert.Equal((0, $"Applied {scripts.Count} migration(s): {string.Join(", ", scripts)}\n"), (first.ExitCode, first.Output));
        Assert.Equal((0, "The database is up to date.\n"), (second.ExitCode, second.Output));
    }

    [Fact]
    public async Task Rsvp_InTheTerminalChat_IsAnswered_AndShownBySessionShow()
    {
        const string lines =
            """
            /as ana
            /timezone UTC
            /session schedule 2030-12-28 10:00
            /as ben
            /rsvp 1 case Moving offices
            /as chloe
            /rsvp 1 maybe
            /rsvp 1 perhaps
            /reminders
            /session show 1

            """;

        var (exitCode, output, _) = await BotProcess.RunAsync(lines, _directory.FullName, Sqlite());

        Assert.Equal(0, exitCode);
        Assert.Contains("bot> Noted: you are going to session 1 on Sat 28 Dec 2030 10:00 (UTC) and would bring a case: Moving offices.", output, StringComparison.Ordinal);
        Assert.Contains("bot> Noted: maybe for session 1", output, StringComparison.Ordinal);
        Assert.Contains("bot> 'perhaps' is not an answer; say going, maybe, no or case.", output, StringComparison.Ordinal);
        Assert.Contains("bot> Reminders in this group come 7 days, 1 day and 1 hour before each session", output, StringComparison.Ordinal);
        Assert.Contains("bot> Going (1): ben\nbot> Maybe (1): chloe\nbot> Can't come (0): nobody yet\nbot> Cases offered:\nbot> - Moving offices (ben)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionIcs_InTheTerminalChat_WritesTheFile_AndCalendarSaysNoFeedIsServed()
    {
        const string lines =
            """
            /as ana
            /timezone UTC
            /session schedule 2030-12-28 10:00
            /session ics 1
            /session ics 2
            /calendar

            """;
        var environment = Sqlite();
        environment["TMPDIR"] = _directory.FullName;

        var (exitCode, output, _) = await BotProcess.RunAsync(lines, _directory.FullName, environment);

        var path = Path.Combine(_directory.FullName, "convenerbot", "session-1-1.ics");
        Assert.Equal(0, exitCode);
        Assert.Contains($"bot> Session 1 as a calendar file, to open in your calendar app:\nbot> Written to {path}\n", output, StringComparison.Ordinal);
        Assert.Contains("bot> There is no session 2 in this group. See /session list.", output, StringComparison.Ordinal);
        Assert.Contains("bot> This bot does not serve calendar feeds: its operator has not set Convener:CalendarBaseUrl.", output, StringComparison.Ordinal);
        var session = Assert.Single(Ical.Net.Calendar.Load(await File.ReadAllTextAsync(path))!.Events);
        Assert.Equal("session-1-1@convenerbot", session.Uid);
        Assert.Equal(new DateTime(2030, 12, 28, 10, 0, 0, DateTimeKind.Utc), session.DtStart!.AsUtc);
        Assert.Equal("the local group: session 1", session.Summary);
        Assert.Equal("CONFIRMED", session.Status);
    }

    [Fact]
    public async Task SessionMove_InTheTerminalChat_SaysBothTimes_AndTheCalendarFileHasTheNewTimeAndARevision()
    {
        const string lines =
            """
            /as ana
            /timezone UTC
            /session schedule 2030-12-28 10:00
            /session move 1 2030-12-28 10:00
            /session move 1 2030-12-29 11:00
            /session ics 1

            """;
        var environment = Sqlite();
        environment["TMPDIR"] = _directory.FullName;

        var (exitCode, output, _) = await BotProcess.RunAsync(lines, _directory.FullName, environment);

        Assert.Equal(0, exitCode);
        Assert.Contains("bot> Session 1 is on Sat 28 Dec 2030 10:00 (UTC) already. Say another time to move it to.\n", output, StringComparison.Ordinal);
        Assert.Contains(
            "bot> Moved: session 1 is now on Sun 29 Dec 2030 11:00 (UTC) (it was on Sat 28 Dec 2030 10:00 (UTC)). Answers stay; reminders follow the new time.\n",
            output,
            StringComparison.Ordinal);
        var session = Assert.Single(Ical.Net.Calendar.Load(await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "convenerbot", "session-1-1.ics")))!.Events);
        Assert.Equal(new DateTime(2030, 12, 29, 11, 0, 0, DateTimeKind.Utc), session.DtStart!.AsUtc);
        Assert.Equal(1, session.Sequence);
    }

    [Fact]
    public async Task LockedDatabase_TheLineIsKept_AndSavedOnceTheLockIsGone()
    {
        var path = Path.Combine(_directory.FullName, "bot.db");
        var environment = new Dictionary<string, string> { ["CONVENERBOT__Storage__ConnectionString"] = $"Data Source={path};Default Timeout=1" };
        Assert.Equal(0, (await BotProcess.RunAsync("", _directory.FullName, environment, "migrate")).ExitCode);
        await using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }

        // Migrated above: start-up itself need not write while the lock is held.
        using var bot = BotProcess.Start(_directory.FullName, environment, "--Storage:MigrateOnStart=false");
        await bot.StandardInput.WriteLineAsync("/case open Kept while locked");
        await bot.StandardInput.FlushAsync();
        var notice = await bot.StandardOutput.ReadLineAsync() ?? await bot.StandardError.ReadToEndAsync();
        await using (var commit = holder.CreateCommand())
        {
            commit.CommandText = "COMMIT";
            await commit.ExecuteNonQueryAsync();
        }

        var saved = await bot.StandardOutput.ReadLineAsync();
        bot.StandardInput.Close();
        await bot.WaitForExitAsync();

        Assert.Equal("bot> I can't save right now; I'll keep your message and retry as soon as I can. No need to send it again.", notice);
        Assert.StartsWith("bot> Saved case 1: Kept while locked.", saved, StringComparison.Ordinal);
        Assert.Equal(0, bot.ExitCode);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private Dictionary<string, string> Sqlite() => new()
    {
        ["CONVENERBOT__Storage__ConnectionString"] = $"Data Source={Path.Combine(_directory.FullName, "bot.db")}",
    };

    private async Task FullSessionAsync(Dictionary<string, string> environment)
    {
        var (exitCode, output, error) = await BotProcess.RunAsync(Session, _directory.FullName, environment);

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.StartsWith("bot> ", line, StringComparison.Ordinal));
        Assert.Contains("bot> Saved case 1: Funding gap for our youth programme. You are its holder.", output, StringComparison.Ordinal);
        Assert.Contains("bot> Saved: session 1 on Sat 28 Dec 2030 10:00 (UTC)", output, StringComparison.Ordinal);
        Assert.Contains("bot> We are in stage 1, Bring a real challenge.", output, StringComparison.Ordinal);
        foreach (var stage in new[] { "1 of 6: Bring a real challenge", "2 of 6: Listen deeply", "3 of 6: Clarify the issue", "4 of 6: Ask reflective questions", "5 of 6: Explore possible next steps", "6 of 6: Capture learning" })
        {
            Assert.Contains("bot> Session 1 · stage " + stage, output, StringComparison.Ordinal);
        }

        Assert.Contains("bot> Session 1 has ended and its outcome is saved: 1 next step, 2 learnings, 3 people took part.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("something went wrong", output, StringComparison.Ordinal);
        Assert.Contains("bot> Saved your idea, chloe.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("bot> chloe, idea:", output, StringComparison.Ordinal);

        var reader = await BotProcess.RunAsync("/as chloe\n/summary 1\n", _directory.FullName, environment);

        Assert.Equal(0, reader.ExitCode);
        var summary = string.Join('\n', reader.Output.Split('\n').Where(l => l.Length > 0).Skip(1).Select(l => l["bot> ".Length..]));
        Assert.StartsWith("# Session 1 — Case 1: Funding gap for our youth programme", summary, StringComparison.Ordinal);
        Assert.Contains("- **Holder:** ana", summary, StringComparison.Ordinal);
        Assert.Contains("- **Took part:** ana, ben, chloe", summary, StringComparison.Ordinal);
        Assert.Contains(@"- Clarifying question from chloe: How much is missing? \*\*all of it\*\* '; DROP TABLE cases; --", summary, StringComparison.Ordinal);
        Assert.Contains("- Question from chloe: What would success look like in a year?", summary, StringComparison.Ordinal);
        Assert.Contains("- Idea from chloe: Talk to the municipality about co-funding", summary, StringComparison.Ordinal);
        Assert.Contains("## Next steps chosen by the holder\n\n- Call the municipality before Christmas", summary, StringComparison.Ordinal);
        Assert.Contains("## Learnings\n\n- chloe: Funding talks start earlier than I thought\n- ana: Asking early works", summary, StringComparison.Ordinal);
    }
}
