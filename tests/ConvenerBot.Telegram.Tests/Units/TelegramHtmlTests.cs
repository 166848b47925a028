using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Telegram.Tests.Units;

public sealed class TelegramHtmlTests
{
    [Fact]
    public void Render_PlainText_EscapesEveryTagAndEntity()
    {
        var html = Assert.Single(TelegramHtml.Render(new OutboundMessage("<b>bold</b> & <a href=\"http://evil.example\">x</a>")));

        Assert.Equal("&lt;b&gt;bold&lt;/b&gt; &amp; &lt;a href=\"http://evil.example\"&gt;x&lt;/a&gt;", html);
    }

    [Fact]
    public void Render_StagePrompt_BoldsOnlyItsHeader()
    {
        var html = Assert.Single(TelegramHtml.Render(new OutboundMessage("Session 1 · stage 1 of 6: A <x>\nDo <this>", Stage: new StageRef(1, 1))));

        Assert.Equal("<b>Session 1 · stage 1 of 6: A &lt;x&gt;</b>\nDo &lt;this&gt;", html);
    }

    [Fact]
    public void Render_SummaryMarkdown_BecomesTelegramHtml_WithMemberTextStillEscaped()
    {
        const string Markdown = "# Session 1 — Case 1: Fund\\*raising\n\n- **Holder:** ana\n\n## Learnings\n\n- chloe: \\<b\\>not bold\\</b\\> \\& \\_x\\_\n_None recorded._\n";

        var html = Assert.Single(TelegramHtml.Render(new OutboundMessage(Markdown, MessageFormat.Markdown)));

        Assert.Equal("<b>Session 1 — Case 1: Fund*raising</b>\n\n• <b>Holder:</b> ana\n\n<b>Learnings</b>\n\n• chloe: &lt;b&gt;not bold&lt;/b&gt; &amp; _x_\n<i>None recorded.</i>", html);
    }

    [Fact]
    public void Render_LongText_SplitsAtLineBoundaries_UnderTheLimit()
    {
        var lines = Enumerable.Range(0, 300).Select(i => $"line {i} " + new string('x', 40) + " <&>").ToList();

        var chunks = TelegramHtml.Render(new OutboundMessage(string.Join('\n', lines)));

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.True(TelegramHtml.VisibleLength(c) <= TelegramHtml.MaxLength));
        Assert.Equal(string.Join('\n', lines.Select(TelegramHtml.Escape)), string.Join('\n', chunks));
    }

    [Fact]
    public void Render_OneLineLongerThanAMessage_IsCutIntoPieces()
    {
        var text = string.Concat(Enumerable.Repeat("🌱&", 3000));

        var chunks = TelegramHtml.Render(new OutboundMessage(text));

        Assert.All(chunks, c => Assert.True(TelegramHtml.VisibleLength(c) <= TelegramHtml.MaxLength));
        Assert.Equal(TelegramHtml.Escape(text), string.Concat(chunks));
    }
}
