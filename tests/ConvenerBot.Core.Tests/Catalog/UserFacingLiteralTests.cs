using ConvenerBot.Core.Commands;

namespace ConvenerBot.Core.Tests.Catalog;

/// <summary>
/// Every sentence a member reads comes from the message catalog (Text/Messages/en.json), so it can be
/// translated. This test reads the source and fails on strings in code that look like sentences.
/// </summary>
public sealed class UserFacingLiteralTests
{
    /// <summary>The folders whose code must say everything through the catalog.</summary>
    public static readonly string[] ScannedFolders =
    [
        "src/ConvenerBot.Core",
        "src/ConvenerBot.Telegram",
        "src/ConvenerBot.Discord",
        "src/ConvenerBot/LocalChat",
    ];

    /// <summary>Strings that look like words but are not sentences for members. Keep it short; say why.</summary>
    public static readonly AllowedLiteral[] Allowed =
    [
        new("src/ConvenerBot.Core/Scheduling/GroupClock.cs", "uuuu-MM-dd HH:mm", "a pattern for reading the WHEN members type (ISO digits, no words)"),
        new("src/ConvenerBot.Core/Scheduling/GroupClock.cs", "uuuu-MM-dd HH:mm:ss", "a pattern for reading the WHEN members type (ISO digits, no words)"),
        new("src/ConvenerBot.Core/Scheduling/GroupClock.cs", "ddd d MMM uuuu HH:mm", "a date pattern, not words; the day and month names follow the culture it is formatted with"),
        new("src/ConvenerBot.Core/Scheduling/GroupClock.cs", "ddd d MMM yyyy HH:mm", "a date pattern, not words; the day and month names follow the culture it is formatted with"),
        new("src/ConvenerBot.Discord/InteractionResponder.cs", "the deferred answer", "names work done after the response, in the log if it is lost (AfterResponse.What)"),
        new("src/ConvenerBot.Discord/InteractionResponder.cs", "the rest of the answer", "names work done after the response, in the log if it is lost (AfterResponse.What)"),
        new("src/ConvenerBot.Discord/DiscordRest.cs", "direct-message channel", "names what Discord created without an id, in an HttpRequestException for the log"),
        new("src/ConvenerBot.Discord/InteractionTranslator.cs", "option {}", "where a value sits in the interaction's JSON, for the MalformedInteractionException message"),
        new("src/ConvenerBot/LocalChat/LocalChatIo.cs", "bot> ", "the prefix that marks the bot's lines in the terminal, matched by scripts; no words"),
        .. CommandTable.All.Where(d => d.Path.Contains(' ', StringComparison.Ordinal)).Select(d =>
            new AllowedLiteral("src/ConvenerBot.Core/Commands/CommandTable.cs", d.Path, "a command's words as typed after /: syntax, not a sentence")),
        new("src/ConvenerBot.Core/Scheduling/SeriesRule.cs", "d MMM uuuu", "a date pattern, not words; the month names follow the culture it is formatted with"),
        new("src/ConvenerBot.Core/Scheduling/WhenReading.cs", "ddd d MMM uuuu", "a date pattern, not words; the day and month names follow the culture it is formatted with"),
        .. Core.Scheduling.WhenLanguages.All.Values.SelectMany(w => w.Phrases).Where(p => p.Contains(' ', StringComparison.Ordinal)).Select(p =>
            new AllowedLiteral("src/ConvenerBot.Core/Scheduling/WhenLanguages.cs", p, "words the time grammar reads in what members type, not words it says")),
    ];

    [Fact]
    public void Code_SaysNoSentenceOutsideTheCatalog()
    {
        var findings = UserFacingLiterals.Scan(ScannedFolders, Allowed);

        Assert.True(
            findings.Count == 0,
            "These strings look like sentences for people. Put each in src/ConvenerBot.Core/Text/Messages/en.json under a key and use "
            + "context.Say(key, args), new ConvenerRuleException(key, args) or Phrase.Of(key, args); an adapter's words go in en.platforms.json "
            + "and are rendered with MessageCatalog.Default.Render(reply.Language, key, args); if one is not for people, add it to "
            + $"{nameof(UserFacingLiteralTests)}.{nameof(Allowed)} with a reason:\n" + string.Join('\n', findings));
    }

    [Theory]
    [InlineData("return Reply.Text(\"No cases yet.\");", "\"No cases yet.\"")]
    [InlineData("var x = $\"Session {n}, \" + y;", "$\"Session {n}, \"")]
    [InlineData("var title = \"Cases:\";", "\"Cases:\"")]
    [InlineData("throw new ConvenerRuleException($\"There is no case {n}.\");", "$\"There is no case {n}.\"")]
    public void Scan_SentencesInCode_AreFoundWithFileAndLine(string statement, string expected)
    {
        var findings = UserFacingLiterals.ScanSource("src/X.cs", Wrap(statement), []).ToList();

        Assert.Equal([$"src/X.cs:5: {expected}"], findings.Select(f => f.ToString()));
    }

    [Theory]
    [InlineData("logger.LogWarning(\"The store is gone for now.\");")]
    [InlineData("throw new InvalidOperationException($\"Case row {id} is missing.\");")]
    [InlineData("throw new System.IO.InvalidDataException(\"The file is broken.\", inner);")]
    [InlineData("var sql = \"SELECT id FROM cases WHERE group_id = @g\";")]
    [InlineData("var key = \"rule.case.not-found\" + \"command.\" + \", \" + \"—\";")]
    [InlineData("var at = $\"{a}. {b} ({c})\";")]
    [InlineData("var x = context.Say(\"reply.case.opened\", (\"number\", 3));")]
    public void Scan_LogsFaultsSqlKeysAndPunctuation_AreNotSentences(string statement) =>
        Assert.Empty(UserFacingLiterals.ScanSource("src/X.cs", Wrap(statement), []));

    [Fact]
    public void Scan_LoggerMessageAttributes_ExceptionBaseCallsAndAllowedLiterals_AreLeftAlone()
    {
        const string source = """
            class Log
            {
                [LoggerMessage(EventId = 1, Message = "Something went wrong here")]
                static partial void Wrong(ILogger logger);
            }
            class StoreException(string what) : Exception($"The store failed: {what}");
            class OtherException : Exception
            {
                public OtherException() : base("Nothing works today.") { }
            }
            class Clock { string F() => "ddd d MMM"; }
            """;

        Assert.Empty(UserFacingLiterals.ScanSource("src/X.cs", source, [new AllowedLiteral("src/X.cs", "ddd d MMM", "a date pattern")]));
        Assert.Single(UserFacingLiterals.ScanSource("src/Y.cs", source, [new AllowedLiteral("src/X.cs", "ddd d MMM", "a date pattern")]));
    }

    [Theory]
    [InlineData("Log.Connected(logger, name, \"long polling\");")]
    [InlineData("return Malformed(logger, \"not valid JSON (or not UTF-8)\");")]
    [InlineData("return Results.BadRequest(\"The update is not valid JSON.\");")]
    [InlineData("return Results.BadRequest(new { message = $\"Malformed interaction: {reason}.\" });")]
    [InlineData("request.Headers.TryAddWithoutValidation(\"Authorization\", \"Bot \" + token);")]
    [InlineData("if (ex.Message.Contains(\"chat not found\", StringComparison.OrdinalIgnoreCase)) return;")]
    [InlineData("if (line.StartsWith(\"/as \", StringComparison.Ordinal) || line == \"/session end\") return;")]
    public void Scan_LogText_HttpAnswers_Headers_ErrorMatches_AndCommands_AreNotSentences_ButASentenceBesideThemIs(string statement)
    {
        var findings = UserFacingLiterals.ScanSource("src/X.cs", Wrap(statement + "\n var said = Reply.Text(\"No cases yet.\");"), []);

        Assert.Equal(["src/X.cs:6: \"No cases yet.\""], findings.Select(f => f.ToString()));
    }

    [Fact]
    public void Scan_TextInALambdaHandedToACall_IsJudgedOnItsOwn()
    {
        var findings = UserFacingLiterals.ScanSource("src/X.cs", Wrap("await sender.CallAsync(logger, ct => bot.Send(\"No cases yet.\", ct));"), []);

        Assert.Equal(["src/X.cs:5: \"No cases yet.\""], findings.Select(f => f.ToString()));
    }

    [Fact]
    public void Scan_OptionsValidatorsAndOptionsErrorMessages_SpeakToOperators_OtherClassesDoNot()
    {
        const string source = """
            class ChatOptionsValidator : IValidateOptions<ChatOptions>
            {
                public ValidateOptionsResult Validate(string? name, ChatOptions options) =>
                    ValidateOptionsResult.Fail("Chat:Token is not set; set it with CONVENERBOT__Chat__Token.");
            }
            class ChatOptions
            {
                [RegularExpression("^(polling|webhook)$", ErrorMessage = "Chat:Mode must be 'polling' or 'webhook'.")]
                public string Mode { get; set; } = "polling";
            }
            class CaseForm
            {
                [RegularExpression("^.+$", ErrorMessage = "Give your case a title.")]
                public string Title { get; set; } = "";
                string Check(ChatOptions options) => "Pick a mode first.";
            }
            """;

        var findings = UserFacingLiterals.ScanSource("src/X.cs", source, []);

        Assert.Equal(["src/X.cs:13: \"Give your case a title.\"", "src/X.cs:15: \"Pick a mode first.\""], findings.Select(f => f.ToString()));
    }

    private static string Wrap(string statement) => $$"""
        class C
        {
            void M()
            {
                {{statement}}
            }
        }
        """;
}
