using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConvenerBot.LocalChat;

/// <summary>
/// The local terminal chat: one local group where the person at the keyboard types as a member.
/// <c>/as NAME</c> switches who is typing. When input is not a terminal it answers every line and
/// stops at the end of input, so whole sessions can be scripted. What the bot says goes out through
/// <see cref="LocalChatGateway"/>.
/// </summary>
internal sealed partial class LocalChatService(
    IConvener convener,
    LocalChatIo io,
    LocalChatGateway gateway,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<LocalChatService> logger) : BackgroundService
{
    private static readonly ConversationRef Conversation = new(LocalChatGateway.PlatformName, "terminal");

    // The terminal's own words come before any reply, so before the group's language is known.
    private static readonly string GroupTitle = Say("local.group-title");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var name = LocalChatIo.DefaultName();
        try
        {
            if (io.Interactive)
            {
                await SayAsync(Say("local.welcome", ("name", name)), stoppingToken);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                var line = await io.ReadLineAsync(name, stoppingToken);
                if (line is null || (io.Interactive && line.Trim() is "/quit" or "/exit"))
                {
                    break;
                }

                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var text = line;
                if (IsAs(line, out var requested))
                {
                    var clean = UserText.CleanName(requested, "");
                    if (clean.Length == 0)
                    {
                        await SayAsync(Say("local.as-usage"), stoppingToken);
                        continue;
                    }

                    name = clean;
                    text = "/me";
                }

                var inbound = new Inbound(Conversation, GroupTitle, new MemberRef("local", name.ToLowerInvariant()), name, IsPlatformAdmin: false, text)
                {
                    Kind = ConversationKind.Local,
                    // A line handed in again after an outage must take effect once, even if the first try was saved.
                    DeliveryId = Guid.NewGuid().ToString("N"),
                };
                var reply = await HandleKeptAsync(inbound, stoppingToken);
                await WriteReplyAsync(reply, stoppingToken);
                await SettleAsync(reply, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
            Environment.ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    /// <summary>
    /// While the database cannot be reached (e.g. another process holds the file) the line is kept and
    /// handed in again, with growing pauses, until it is saved; the member is told once.
    /// </summary>
    private async Task<Reply> HandleKeptAsync(Inbound inbound, CancellationToken cancellationToken)
    {
        var pause = TimeSpan.FromSeconds(1);
        var reply = await convener.HandleAsync(inbound, cancellationToken);
        if (reply.StoreUnavailable)
        {
            await WriteReplyAsync(reply, cancellationToken);
        }

        while (reply.StoreUnavailable)
        {
            await Task.Delay(pause, time, cancellationToken);
            pause = TimeSpan.FromSeconds(Math.Min(30, pause.TotalSeconds * 2));
            reply = await convener.HandleAsync(inbound, cancellationToken);
        }

        return reply;
    }

    /// <summary>The typed line is on the screen already: an echo of a contribution would only repeat it.</summary>
    private async Task WriteReplyAsync(Reply reply, CancellationToken cancellationToken)
    {
        foreach (var message in reply.Messages.Where(m => m.Purpose is not MessagePurpose.Echo))
        {
            await gateway.PostAsync(new ConversationPost(Conversation, message) { Language = reply.Language }, cancellationToken);
        }
    }

    /// <summary>The terminal took the whole answer; should the store not hear of it, the outbox prints it again later.</summary>
    private async Task SettleAsync(Reply reply, CancellationToken cancellationToken)
    {
        try
        {
            await convener.SettleAsync(reply, [], cancellationToken);
        }
        catch (Core.Persistence.StoreUnavailableException ex)
        {
            LogNotSettled(logger, ex);
        }
    }

    private Task<PostResult> SayAsync(string text, CancellationToken cancellationToken) =>
        gateway.PostAsync(new ConversationPost(Conversation, new OutboundMessage(text)), cancellationToken);

    private static string Say(string key, params (string Name, object? Value)[] args) => MessageCatalog.Default.Render(MessageCatalog.DefaultLanguage, key, args);

    private static bool IsAs(string line, out string name)
    {
        var trimmed = line.Trim();
        if (trimmed == "/as" || trimmed.StartsWith("/as ", StringComparison.OrdinalIgnoreCase))
        {
            name = trimmed[3..].Trim();
            return true;
        }

        name = "";
        return false;
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "The store could not take that an answer was shown; the outbox shows it again once its hold runs out")]
    private static partial void LogNotSettled(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3000, Level = LogLevel.Error, Message = "The local chat stopped unexpectedly")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
