using ConvenerBot.Core.Conversations;
using Microsoft.Extensions.Time.Testing;

namespace ConvenerBot.Storage.Tests.Support;

/// <summary>
/// A fresh group on the test platform; members are named by their display names (their platform ids are
/// the same names). Each message takes a second. By default it behaves like the local terminal chat (the
/// first member organizes, names identify); <see cref="ConversationKind.Group"/> behaves like a platform group.
/// </summary>
public sealed class Chat(IConvener convener, FakeTimeProvider? time = null, ConversationKind kind = ConversationKind.Local)
{
    public ConversationRef Conversation { get; } = new("test", Guid.NewGuid().ToString("N"));

    public async Task<string> SayAsync(string who, string text, bool admin = false)
    {
        var reply = await SendAsync(who, text, admin);
        return string.Join("\n", reply.Messages.Select(m => m.Text));
    }

    /// <summary>Sends a message and, as an adapter does once the answer is out, settles the answer's outbox row.</summary>
    public async Task<Reply> SendAsync(string who, string text, bool admin = false)
    {
        var reply = await SendUnsettledAsync(who, text, admin);
        await convener.SettleAsync(reply, [], CancellationToken.None);
        return reply;
    }

    /// <summary>Sends a message and leaves the answer with the outbox, as an adapter that died before delivering it.</summary>
    public Task<Reply> SendUnsettledAsync(string who, string text, bool admin = false)
    {
        time?.Advance(TimeSpan.FromSeconds(1));
        return convener.HandleAsync(Inbound(who, text, admin), CancellationToken.None);
    }

    /// <summary>Presses a button under a message of the bot (a stage prompt, a start or time-up notice).</summary>
    public Task<Reply> PressAsync(string who, StageAction action, int session, int stage, bool admin = false) =>
        DeliveredAsync(Inbound(who, "", admin) with { Button = new StageButton(action, new StageRef(session, stage)) });

    /// <summary>Plain text in reply to a message of the bot, by its platform id.</summary>
    public Task<Reply> ReplyAsync(string who, string messageId, string text) =>
        DeliveredAsync(Inbound(who, text) with { RepliedToMessageId = messageId });

    /// <summary>Hands the message in a second later and settles its answer, as an adapter does once the answer is out.</summary>
    private async Task<Reply> DeliveredAsync(Inbound inbound)
    {
        time?.Advance(TimeSpan.FromSeconds(1));
        var reply = await convener.HandleAsync(inbound, CancellationToken.None);
        await convener.SettleAsync(reply, [], CancellationToken.None);
        return reply;
    }

    public Inbound Inbound(string who, string text, bool admin = false) =>
        new(Conversation, "Test group", new MemberRef("test", who), who, admin, text) { Kind = kind };

    /// <summary>
    /// A group where ana (organizer; in a platform group, its administrator) holds case 1, ben facilitates,
    /// chloe and dan are members, session 1 runs.
    /// </summary>
    public async Task<Chat> WithRunningSessionAsync()
    {
        var platform = kind is ConversationKind.Group;
        await SayAsync("ana", "/case open Funding gap | The grant ends in March.", admin: platform);
        await SayAsync("ben", "/me");
        await SayAsync("chloe", "/me");
        await SayAsync("dan", "/me");
        if (platform)
        {
            time?.Advance(TimeSpan.FromSeconds(1));
            await convener.HandleAsync(
                Inbound("ana", "/role facilitator", admin: true) with { Mentioned = new MemberMention(new MemberRef("test", "ben"), null, "ben") },
                CancellationToken.None);
        }
        else
        {
            await SayAsync("ana", "/role facilitator ben");
        }

        await SayAsync("ben", "/session schedule 2026-12-26 10:00 case 1");
        await SayAsync("ben", "/session start 1 now");
        return this;
    }
}
