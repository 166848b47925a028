using ConvenerBot.Core.Persistence;
using ConvenerBot.Telegram.Tests.Fake;
using ConvenerBot.Telegram.Tests.Support;
using Telegram.Bot.Types;

namespace ConvenerBot.Telegram.Tests;

/// <summary>Whole sessions in a Telegram group through the real Telegram.Bot client and a fake Bot API server.</summary>
public sealed class TelegramSessionTests
{
    private const long Group = -1001234567890;
    private static readonly User Ana = FakeBotApi.Person(11, "Ana");
    private static readonly User Ben = FakeBotApi.Person(12, "Ben");
    private static readonly User Chloe = FakeBotApi.Person(13, "Chloe");
    private static readonly User Dan = FakeBotApi.Person(14, "Dan");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FullSession_InAGroup_ByPollingAndByWebhook(bool webhook)
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Peer circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api, webhook);
        var chat = new GroupChat(api, bot, Group, webhook);

        await chat.SayAsync(Ana, "/case open Funding gap | Our grant ends in March.", "Saved case 1: Funding gap");
        await chat.SayAsync(Ben, "/me", "You are Ben, a member");
        await chat.SayAsync(Ana, "/role facilitator", "Saved: Ben is now a facilitator.", replyToMember: chat.Chatter(Ben, "I can facilitate"));
        await chat.SayAsync(Ben, "/session@ConvenerTestBot schedule 2030-12-27 10:00 case 1", "Saved: session 1 on Fri 27 Dec 2030 10:00 (UTC)");
        await chat.SayAsync(Ben, "/session@OtherBot list", expected: null);
        var prompt1 = await chat.SayAsync(Ben, "/session start now", "Session 1 · stage 1 of 6: Bring a real challenge");
        Assert.Equal(["s:n:1:1", "s:e:1:1"], GroupChat.Buttons(prompt1));

        var alert = await chat.PressAsync(Chloe, prompt1, "s:n:1:1");
        Assert.True(alert.ShowAlert);
        Assert.Contains("Only a facilitator or an organizer can move the session", alert.Text, StringComparison.Ordinal);

        var prompt2 = await chat.PressForPromptAsync(Ben, prompt1, "s:n:1:1", "stage 2 of 6: Listen deeply");
        var stale = await chat.PressAsync(Ben, prompt1, "s:n:1:1");
        Assert.Contains("That belongs to stage 1", stale.Text, StringComparison.Ordinal);
        var prompt3 = await chat.SayAsync(Ben, "/next", "stage 3 of 6: Clarify the issue");
        await chat.ContributeAsync(Chloe, "How much is missing?", prompt3);
        await chat.SayAsync(Ana, "Can I ask myself?", "As the holder you receive", replyTo: prompt3);
        await chat.ContributeAsync(Dan, "/ask <b>Who</b> decides & when?");
        var prompt4 = await chat.PressForPromptAsync(Ben, prompt3, "s:n:1:3", "stage 4 of 6: Ask reflective questions");
        await chat.SayAsync(Chloe, "A late one", "That belongs to stage 3", replyTo: prompt3);
        await chat.ContributeAsync(Dan, "What would success look like?", prompt4);
        var prompt5 = await chat.SayAsync(Ben, "/next", "stage 5 of 6: Explore possible next steps");
        await chat.ContributeAsync(Chloe, "Talk to the municipality", prompt5);
        await chat.ContributeAsync(Ana, "Call the municipality before Christmas", prompt5);
        var prompt6 = await chat.SayAsync(Ben, "/next", "stage 6 of 6: Capture learning");
        await chat.ContributeAsync(Chloe, "/learn Start early");
        await chat.ContributeAsync(Ana, "Asking works", prompt6);
        Assert.Equal(["s:b:1:6", "s:e:1:6"], GroupChat.Buttons(prompt6));
        var confirm = await chat.PressForPromptAsync(Ben, prompt6, "s:e:1:6", "End session 1 now?");
        Assert.Equal(["s:x:1:6"], GroupChat.Buttons(confirm));
        var ended = await chat.PressForPromptAsync(Ben, confirm, "s:x:1:6", "Session 1 has ended and its outcome is saved: 1 next step, 2 learnings, 4 people took part.");

        var summary = await api.WaitForAsync(a => a.SentMessages.FirstOrDefault(m => m.ChatId == Group && m.Text.StartsWith("<b>Session 1 — Case 1: Funding gap</b>", StringComparison.Ordinal)));
        Assert.Equal("html", summary.ParseMode?.ToLowerInvariant());
        Assert.Contains("• <b>Took part:</b> Ana, Ben, Chloe, Dan", summary.Text, StringComparison.Ordinal);
        Assert.Contains("• Clarifying question from Dan: &lt;b&gt;Who&lt;/b&gt; decides &amp; when?", summary.Text, StringComparison.Ordinal);
        Assert.Contains("<b>Next steps chosen by the holder</b>\n\n• Call the municipality before Christmas", summary.Text, StringComparison.Ordinal);
        Assert.Contains("<b>Learnings</b>\n\n• Chloe: Start early\n• Ana: Asking works", summary.Text, StringComparison.Ordinal);
        Assert.Contains(api.Requests, r => r.Method == "editmessagereplymarkup");
        Assert.Equal(7, api.Reactions.Count(r => r.ChatId == Group && r.Emoji == "👍"));
        Assert.DoesNotContain(api.SentMessages, m => m.Text.StartsWith("Saved your", StringComparison.Ordinal) || m.Text.Contains(", learning:", StringComparison.Ordinal));
        Assert.Contains(api.Requests, r => r.Method == "setmycommands" && r.Body.ToJsonString().Contains("all_chat_administrators", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Message.Contains(api.Token, StringComparison.Ordinal));
        Assert.NotNull(ended);
    }
}
