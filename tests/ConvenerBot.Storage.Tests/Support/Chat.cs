using ConvenerBot.Core.Conversations;
using Microsoft.Extensions.Time.Testing;

namespace ConvenerBot.Storage.Tests.Support;

/// <summary>A fresh group on the test platform; members are named by their display names. Each message takes a second.</summary>
public sealed class Chat(IConvener convener, FakeTimeProvider? time = null)
{
    public ConversationRef Conversation { get; } = new("test", Guid.NewGuid().ToString("N"));

    public async Task<string> SayAsync(string who, string text, bool admin = false)
    {
        var reply = await SendAsync(who, text, admin);
        return string.Join("\n", reply.Messages.Select(m => m.Text));
    }

    public Task<Reply> SendAsync(string who, string text, bool admin = false)
    {
        time?.Advance(TimeSpan.FromSeconds(1));
        return convener.HandleAsync(Inbound(who, text, admin), CancellationToken.None);
    }

    public Inbound Inbound(string who, string text, bool admin = false) =>
        new(Conversation, "Test group", new MemberRef("test", who), who, admin, text);

    /// <summary>A group where ana (organizer) holds case 1, ben facilitates, chloe and dan are members, session 1 runs.</summary>
    public async Task<Chat> WithRunningSessionAsync()
    {
        await SayAsync("ana", "/case open Funding gap | The grant ends in March.");
        await SayAsync("ben", "/me");
        await SayAsync("chloe", "/me");
        await SayAsync("dan", "/me");
        await SayAsync("ana", "/role facilitator ben");
        await SayAsync("ben", "/session schedule 2026-12-26 10:00 case 1");
        await SayAsync("ben", "/session start 1");
        return this;
    }
}
