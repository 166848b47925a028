using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Tests.Catalog;

public sealed class MessageCatalogTests
{
    [Fact]
    public void Default_LoadsTheEmbeddedEnglishCatalog()
    {
        var catalog = MessageCatalog.Default;

        Assert.Contains(MessageCatalog.DefaultLanguage, catalog.Languages);
        Assert.Equal("There is no case 7 in this group. See /case list.", catalog.Render("en", "rule.case.not-found", ("number", 7)));
        Assert.Equal(["number"], catalog.PlaceholdersOf("rule.case.not-found"));
    }

    [Theory]
    [InlineData("Hello {name", "malformed placeholder at 6")]
    [InlineData("Hello {}", "malformed placeholder at 6")]
    [InlineData("Hello {two words}", "malformed placeholder at 6")]
    [InlineData("Hello } there", "lone } at 6")]
    public void Parse_MalformedTemplate_IsRefusedSayingWhere(string template, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => Parse(("en", $$"""{"reply.hello": "{{template}}"}""")));

        Assert.Contains("Message catalog 'en': 'reply.hello' has a", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeyMissingInEnglish_IsRefused()
    {
        var ex = Assert.Throws<InvalidDataException>(() => Parse(
            ("en", """{"reply.hello": "Hello"}"""),
            ("nb", """{"reply.hello": "Hei", "reply.bye": "Ha det"}""")));

        Assert.Equal("Message catalog 'nb': 'reply.bye' is not an English key.", ex.Message);
    }

    [Fact]
    public void Parse_PlaceholdersDifferingFromEnglish_AreRefused()
    {
        var ex = Assert.Throws<InvalidDataException>(() => Parse(
            ("en", """{"reply.hello": "Hello {name}, case {number}"}"""),
            ("nb", """{"reply.hello": "Hei {navn}, sak {number}"}""")));

        Assert.Equal("Message catalog 'nb': 'reply.hello' has placeholders {navn}, {number}, English has {name}, {number}.", ex.Message);
    }

    [Theory]
    [InlineData("""{"nb": "x"}""", "The message catalog has no English (en) file.")]
    [InlineData("""{"en": "[1, 2]"}""", "Message catalog 'en': the file must hold one JSON object of key to text.")]
    [InlineData("""{"en": "{\"reply.hello\": 3}"}""", "Message catalog 'en': 'reply.hello' is not a text.")]
    public void Parse_FilesThatAreNotCatalogs_AreRefused(string files, string expected)
    {
        var byLanguage = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(files)!;

        Assert.Equal(expected, Assert.Throws<InvalidDataException>(() => MessageCatalog.Parse(byLanguage)).Message);
    }

    [Fact]
    public void Render_MemberTextWithBraces_IsWrittenVerbatim()
    {
        var catalog = Parse(("en", """{"reply.saved": "Saved {{case}}: {title} ({note})", "reply.note": "by {name}"}"""));

        var text = catalog.Render("en", "reply.saved", ("title", "{x} and {{y}} and {title}"), ("note", Phrase.Of("reply.note", ("name", "{0}"))));

        Assert.Equal("Saved {case}: {x} and {{y}} and {title} (by {0})", text);
    }

    [Fact]
    public void Render_ALanguageMissingAKey_FallsBackToEnglish()
    {
        var catalog = Parse(
            ("en", """{"reply.hello": "Hello {name}", "reply.bye": "Bye {name}", "role.member": "a member"}"""),
            ("nb", """{"reply.hello": "Hei {name}", "role.member": "et medlem"}"""));

        Assert.Equal("Hei Ana", catalog.Render("nb", "reply.hello", ("name", "Ana")));
        Assert.Equal("Bye Ana", catalog.Render("nb", "reply.bye", ("name", "Ana")));
        Assert.Equal("Hello Ana", catalog.Render("xx", "reply.hello", ("name", "Ana")));
        Assert.Equal("Hei et medlem", catalog.Render("nb", "reply.hello", ("name", Phrase.Of("role.member"))));
    }

    [Fact]
    public void Render_AnUnknownKeyOrAMissingValue_IsAFault()
    {
        var catalog = Parse(("en", """{"reply.hello": "Hello {name}"}"""));

        Assert.Throws<KeyNotFoundException>(() => catalog.Render("en", "reply.nothing"));
        Assert.Throws<ArgumentException>(() => catalog.Render("en", "reply.hello"));
    }

    [Fact]
    public void Render_ValuesOfEveryKind_AreWrittenPlainly()
    {
        var catalog = Parse(("en", """{"reply.values": "{n} {big} {list} {none} {where}"}"""));

        var text = catalog.Render(
            "en", "reply.values", ("n", 3), ("big", 12345L), ("list", new object[] { "a", 2 }), ("none", null), ("where", WordList.Or(["x", "y", "z"])));

        Assert.Equal("3 12345 a 2  x, y or z", text);
    }

    private static MessageCatalog Parse(params (string Language, string Json)[] files) =>
        MessageCatalog.Parse(files.ToDictionary(f => f.Language, f => f.Json));
}
