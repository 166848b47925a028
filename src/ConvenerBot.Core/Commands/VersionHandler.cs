using System.Reflection;
using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Core.Commands;

/// <summary>Answers which build is running: its version and the commit it was built from.</summary>
public sealed class VersionHandler : ICommandHandler<VersionCommand>
{
    public Task<Reply> HandleAsync(VersionCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(Reply.Text(Describe(context.Language)));
    }

    /// <summary>The answer to /version, in a language: also given in private chats.</summary>
    public static string Describe(string language)
    {
        var (version, commit) = Build;
        return commit is null
            ? Text.MessageCatalog.Default.Render(language, "reply.version.no-commit", ("version", version))
            : Text.MessageCatalog.Default.Render(language, "reply.version", ("version", version), ("commit", commit));
    }

    /// <summary>
    /// The version and commit of this build, from the informational version the SDK writes
    /// (<c>1.2.0+3f2a9c1…</c>, the commit coming from the git checkout it was built in).
    /// </summary>
    public static (string Version, string? Commit) Build { get; } = Read(typeof(VersionHandler).Assembly);

    internal static (string Version, string? Commit) Read(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        if (plus < 0)
        {
            return (informational, null);
        }

        var commit = informational[(plus + 1)..];
        return (informational[..plus], commit.Length > 12 ? commit[..12] : commit);
    }
}
