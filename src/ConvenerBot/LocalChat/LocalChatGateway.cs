using System.Globalization;
using ConvenerBot.Calendar;
using ConvenerBot.Core.Calendar;
using ConvenerBot.Core.Conversations;
using ConvenerBot.Core.Text;

namespace ConvenerBot.LocalChat;

/// <summary>
/// The terminal chat's <see cref="IConversationGateway"/>: every message becomes lines starting with
/// <c>bot&gt; </c>, its actions as the commands that do them. The terminal is one screen, so a message for
/// one member privately or for a session's space is printed like any other; it is never refused.
/// A message carrying a calendar (<c>/session ics</c>) also writes it as an .ics file into <paramref name="folder"/>
/// (by default a <c>convenerbot</c> folder in the system's temporary directory) and prints the file's path.
/// </summary>
internal sealed class LocalChatGateway(LocalChatIo io, TimeProvider? time = null, string? folder = null) : IConversationGateway, IDisposable
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
            if (post.Message.Calendar is { } calendar)
            {
                await io.WriteLineAsync(MessageCatalog.Default.Render(post.Language, "local.calendar-file", ("path", await WriteFileAsync(calendar, cancellationToken))));
            }
        }
        finally
        {
            _screen.Release();
        }

        var id = Interlocked.Increment(ref _lastId).ToString(CultureInfo.InvariantCulture);
        return new PostResult.Delivered([id], post.Space);
    }

    public void Dispose() => _screen.Dispose();

    private async Task<string> WriteFileAsync(CalendarFeed calendar, CancellationToken cancellationToken)
    {
        var directory = folder ?? Path.Combine(Path.GetTempPath(), "convenerbot");
        Directory.CreateDirectory(directory);
        var name = string.Join('-', calendar.Events.Select(e => e.Uid.Split('@')[0])) + ".ics";
        var path = Path.GetFullPath(Path.Combine(directory, name));
        await File.WriteAllTextAsync(path, IcsWriter.Write(calendar, (time ?? TimeProvider.System).GetUtcNow()), cancellationToken);
        return path;
    }
}
