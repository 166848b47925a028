using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Tests.Text;

public sealed class UserTextTests
{
    private static class Noun
    {
        public static readonly Phrase Question = Phrase.Of("noun.question");
        public static readonly Phrase Idea = Phrase.Of("noun.idea");
        public static readonly Phrase Title = Phrase.Of("noun.title");
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   \n ", "is empty")]
    [InlineData("bell\u0007", "control character (U+0007) at position 5")]
    [InlineData("nul\u0000x", "control character (U+0000)")]
    [InlineData("escape \u001b[31mred", "control character (U+001B)")]
    public void Require_BadText_IsRefusedWithReason(string text, string expected)
    {
        var ex = Assert.Throws<ConvenerRuleException>(() => UserText.Require(text, Noun.Question));

        Assert.Contains(expected, RuleText.Of(ex), StringComparison.Ordinal);
    }

    [Fact]
    public void Require_LoneSurrogates_AreRefused()
    {
        // Built at run time: xunit's theory serialisation cannot carry broken UTF-16.
        var high = new string(['b', 'r', 'o', 'k', 'e', 'n', ' ', (char)0xD800, ' ', 'x']);
        var reversed = new string(['r', (char)0xDC00, (char)0xD800]);

        Assert.Contains("lone surrogate at position 8", RuleText.Of(Assert.Throws<ConvenerRuleException>(() => UserText.Require(high, Noun.Idea))), StringComparison.Ordinal);
        Assert.Contains("lone surrogate at position 2", RuleText.Of(Assert.Throws<ConvenerRuleException>(() => UserText.Require(reversed, Noun.Idea))), StringComparison.Ordinal);
    }

    [Fact]
    public void Require_TooLong_SaysTheLimit()
    {
        var ex = Assert.Throws<ConvenerRuleException>(() => UserText.Require(new string('a', UserText.MaxLength + 1), Noun.Idea));

        Assert.Contains("4001 characters long; the limit is 4000", RuleText.Of(ex), StringComparison.Ordinal);
    }

    [Fact]
    public void Require_AtLimitWithEmojiTabsAndLines_IsKept()
    {
        var text = "Line one\twith tab 🌱\r\nline two '; DROP TABLE x; -- **bold**";

        Assert.Equal("Line one\twith tab 🌱\nline two '; DROP TABLE x; -- **bold**", UserText.Require(text, Noun.Idea));
        Assert.Equal(UserText.MaxLength, UserText.Require(new string('a', UserText.MaxLength), Noun.Idea).Length);
    }

    [Fact]
    public void CleanName_StripsControlsKeepsEmojiAndBoundsLength()
    {
        Assert.Equal("Ana 🌱", UserText.CleanName("\u0007Ana 🌱\n", "x"));
        Assert.Equal("fallback", UserText.CleanName("\u0001\u0002", "fallback"));
        Assert.Equal(64, UserText.CleanName(new string('n', 100), "x").Length);
    }

    [Fact]
    public void CleanName_AnEmojiAcrossTheLimit_IsLeftOutWhole_NeverHalved()
    {
        var straddling = new string('a', 63) + "😀b";
        var family = new string('a', 60) + "👩‍👩‍👧";

        Assert.Equal(new string('a', 63), UserText.CleanName(straddling, "x"));
        Assert.Equal(new string('a', 60), UserText.CleanName(family, "x"));
        Assert.Equal("é", UserText.Cut("éx", 2));
        Assert.Equal("", UserText.Cut("😀", 1));
    }

    [Fact]
    public void Require_Noncharacters_AreRefusedWithThePosition()
    {
        Assert.Contains("U+FFFE at position 3", RuleText.Of(Assert.Throws<ConvenerRuleException>(() => UserText.Require("ab\uFFFE", Noun.Title))), StringComparison.Ordinal);
        Assert.Contains("U+10FFFF at position 2", RuleText.Of(Assert.Throws<ConvenerRuleException>(() => UserText.Require("a\U0010FFFF", Noun.Title))), StringComparison.Ordinal);
        Assert.Contains("U+FFFF at position 4", RuleText.Of(Assert.Throws<ConvenerRuleException>(() => UserText.Require("abc\uFFFF cuts", Noun.Title))), StringComparison.Ordinal);
        Assert.Equal("ab", UserText.Clean("a\uFDD0b\uFFFF"));
    }

    [Fact]
    public void CleanHandle_KeepsOnlyUsernames()
    {
        Assert.Equal("dee_k", UserText.CleanHandle("@Dee_K"));
        Assert.Null(UserText.CleanHandle("Dee K"));
        Assert.Null(UserText.CleanHandle(null));
    }
}
