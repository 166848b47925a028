using ConvenerBot.Core.Summaries;

namespace ConvenerBot.Core.Tests.Summaries;

public sealed class MarkdownTests
{
    [Theory]
    [InlineData("**bold** _it_", @"\*\*bold\*\* \_it\_")]
    [InlineData("[click](http://x.example)", @"\[click\](http://x.example)")]
    [InlineData("<script>&amp;", @"\<script\>\&amp;")]
    [InlineData(@"back\slash `code` ~~s~~ |t|", @"back\\slash \`code\` \~\~s\~\~ \|t\|")]
    [InlineData("co-funding 3. not a list", "co-funding 3. not a list")]
    public void Escape_InsideALine_NeutralisesMarkup(string text, string expected) =>
        Assert.Equal(expected, Markdown.Escape(text));

    [Theory]
    [InlineData("- not a list", @"\- not a list")]
    [InlineData("# not a heading", @"\# not a heading")]
    [InlineData("12. not a list", @"12\. not a list")]
    [InlineData("> not a quote", @"\> not a quote")]
    public void EscapeLine_AtLineStart_NeutralisesBlockMarkers(string text, string expected) =>
        Assert.Equal(expected, Markdown.EscapeLine(text));
}
