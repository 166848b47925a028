using System.Globalization;
using ConvenerBot.Core.Conversations;

namespace ConvenerBot.LocalChat;

/// <summary>
/// The terminal chat's <see cref="IConversationGateway"/>: every message becomes lines starting with
/// <c>bot&gt; </c>, its actions as the commands that do them. The terminal is one screen, so a message for
/// one member privately or for a session's space is printed like any other; it is never refused.
/// </summary>
internal sealed class LocalChatGateway(LocalChatIo io) : IConversationGateway, IDisposable
{
    public const string PlatformName = "local";

    // One post's lines stay together when several are printed at once.
    private readonly SemaphoreSlim _screen = new(1, 1);
    private int _lastId;

    public string Platform => PlatformName;

    public async Task<PostResult> PostAsync(ConversationPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        await _screen.WaitAsync(cancellationToken);
        try
        {
            await io.WriteMessageAsync(post.Message, post.Language);
        }
        finally
        {
            _screen.Release();
        }

        var id = Interlocked.Increment(ref _lastId).ToString(CultureInfo.InvariantCulture);
        return new PostResult.Delivered([id], post.Space);
    }

    public void Dispose() => _screen.Dispose();
}
