using ConvenerBot.Telegram.Tests.Fake;
using ConvenerBot.Telegram.Tests.Support;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace ConvenerBot.Telegram.Tests;

/// <summary>Buttons that only apply while they are current, End with a confirmation, and pages of long lists.</summary>
public sealed class TelegramButtonTests
{
    private const long Group = -1005550006;
    private static readonly User Ana = FakeBotApi.Person(11, "Ana");
    private static readonly User Chloe = FakeBotApi.Person(13, "Chloe");

    [Fact]
    public async Task MovingOn_RemovesEarlierButtons_EndAsksFirst_AndRepliesAreKnownByMessage()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Group, webhook: false);
        await chat.SayAsync(Ana, "/case open Real", "Saved case 1");
        await chat.SayAsync(Ana, "/session schedule 2030-01-01 10:00 case 1", "Saved: session 1");
        var prompt1 = await chat.SayAsync(Ana, "/session start now", "stage 1 of 6");

        var prompt2 = await chat.PressForPromptAsync(Ana, prompt1, "s:n:1:1", "stage 2 of 6");
        await api.WaitForAsync(a => !HasButtons(a, prompt1));
        var prompt3 = await chat.SayAsync(Ana, "/next", "stage 3 of 6");
        await api.WaitForAsync(a => !HasButtons(a, prompt2));
        var stale = await chat.PressAsync(Ana, prompt2, "s:n:1:2");
        Assert.Contains("That belongs to stage 2", stale.Text, StringComparison.Ordinal);

        var reply = chat.Text(Chloe, "A question in any language?", prompt3);
        reply.Message!.ReplyToMessage!.Text = "Sitzung 1 · Stufe 3 von 6";
        await chat.SendAsync(reply);
        await api.WaitForAsync(a => a.Reactions.FirstOrDefault(r => r.MessageId == reply.Message.Id));

        var confirm = await chat.PressForPromptAsync(Ana, prompt3, "s:e:1:3", "End session 1 now?");
        Assert.True(HasButtons(api, prompt3));
        Assert.Equal("Yes, end session", Assert.Single(((InlineKeyboardMarkup)confirm.ReplyMarkup!).InlineKeyboard.SelectMany(r => r)).Text);
        await chat.PressForPromptAsync(Ana, confirm, "s:x:1:3", "Session 1 has ended");
        await api.WaitForAsync(a => !HasButtons(a, prompt3) && !HasButtons(a, confirm));
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Id.Id is 4007 or 4023 or 4024);
    }

    [Fact]
    public async Task StaleButtonPressedAfterARestart_IsRefused_AndItsButtonsRemoved()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle", isForum: false, Ana.Id);
        using var temp = new TempDatabase();
        FakeBotApi.SentMessage prompt2;
        await using (var first = await RunningBot.StartAsync(api, database: temp.Path))
        {
            var chat = new GroupChat(api, first, Group, webhook: false);
            await chat.SayAsync(Ana, "/case open Real", "Saved case 1");
            await chat.SayAsync(Ana, "/session schedule 2030-01-01 10:00 case 1", "Saved: session 1");
            var prompt1 = await chat.SayAsync(Ana, "/session start now", "stage 1 of 6");
            prompt2 = await chat.SayAsync(Ana, "/next", "stage 2 of 6");
            // The first prompt's buttons go after the second prompt is out: let that edit pass before failing the next one.
            await api.WaitForAsync(a => !HasButtons(a, prompt1));
            api.FailNext("editMessageReplyMarkup", 400, "Bad Request: message can't be edited");
            await chat.SayAsync(Ana, "/next", "stage 3 of 6");
            await api.WaitForAsync(a => a.Requests.Any(r => r.Method == "editmessagereplymarkup" && r.Status == 400));
        }

        Assert.True(HasButtons(api, prompt2));
        await using var second = await RunningBot.StartAsync(api, database: temp.Path);
        var stale = await new GroupChat(api, second, Group, webhook: false).PressAsync(Ana, prompt2, "s:n:1:2");

        Assert.True(stale.ShowAlert);
        await api.WaitForAsync(a => !HasButtons(a, prompt2));
    }

    [Fact]
    public async Task PromptPostedBeforeARestart_LosesItsButtons_WhenTheSessionMovesOnAfterIt()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle", isForum: false, Ana.Id);
        using var temp = new TempDatabase();
        FakeBotApi.SentMessage prompt2;
        await using (var first = await RunningBot.StartAsync(api, database: temp.Path))
        {
            var chat = new GroupChat(api, first, Group, webhook: false);
            await chat.SayAsync(Ana, "/case open Real", "Saved case 1");
            await chat.SayAsync(Ana, "/session schedule 2030-01-01 10:00 case 1", "Saved: session 1");
            var prompt1 = await chat.SayAsync(Ana, "/session start now", "stage 1 of 6");
            prompt2 = await chat.SayAsync(Ana, "/next", "stage 2 of 6");
            await api.WaitForAsync(a => !HasButtons(a, prompt1));
        }

        // The process that posted the prompt is gone; the store knows its buttons, so the next process takes them off.
        Assert.True(HasButtons(api, prompt2));
        await using var second = await RunningBot.StartAsync(api, database: temp.Path);
        var prompt3 = await new GroupChat(api, second, Group, webhook: false).SayAsync(Ana, "/next", "stage 3 of 6");
        await api.WaitForAsync(a => !HasButtons(a, prompt2));
        Assert.True(HasButtons(api, prompt3));
    }

    [Fact]
    public async Task CaseListPages_TurnInPlace()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.AddChat(Group, "Circle", isForum: false, Ana.Id);
        await using var bot = await RunningBot.StartAsync(api);
        var chat = new GroupChat(api, bot, Group, webhook: false);
        for (var i = 1; i <= 21; i++)
        {
            await chat.SayAsync(Ana, $"/case open Case number {i}", $"Saved case {i}");
        }

        var page1 = await chat.SayAsync(Ana, "/case list", "Cases, page 1 of 2");
        Assert.Equal(["p:cases:2"], GroupChat.Buttons(page1));
        var answer = await chat.PressAsync(Ana, page1, "p:cases:2");

        Assert.False(answer.ShowAlert);
        var turned = await api.WaitForAsync(a => a.FindMessage(Group, page1.MessageId) is { Text: { } text } m && text.Contains("page 2 of 2", StringComparison.Ordinal) ? m : null);
        Assert.Contains("21. Case number 21", turned.Text, StringComparison.Ordinal);
        Assert.Equal(["p:cases:1"], turned.ReplyMarkup!.InlineKeyboard.SelectMany(r => r).Select(b => b.CallbackData));
    }

    private static bool HasButtons(FakeBotApi api, FakeBotApi.SentMessage message) =>
        api.FindMessage(message.ChatId, message.MessageId)?.ReplyMarkup?.InlineKeyboard.Any(r => r.Any()) ?? false;
}
