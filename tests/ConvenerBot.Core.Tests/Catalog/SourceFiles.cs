using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConvenerBot.Core.Tests.Catalog;

/// <summary>The repository's C# sources, found from the test's output folder, for tests that read code.</summary>
internal static class SourceFiles
{
    /// <summary>The folder holding ConvenerBot.sln, found by walking up from the test's output folder.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Every .cs file under a folder of the repository (e.g. <c>src/ConvenerBot.Core</c>), build output left out.</summary>
    public static IEnumerable<string> CSharpFiles(string folder)
    {
        var full = Path.Combine(RepositoryRoot, folder);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"No source folder {folder} under {RepositoryRoot}.");
        }

        return Directory.EnumerateFiles(full, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Relative(f).Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>A path as the repository names it: relative to its root, with forward slashes.</summary>
    public static string Relative(string path) => Path.GetRelativePath(RepositoryRoot, path).Replace('\\', '/');

    public static SyntaxNode Parse(string source, string path) =>
        CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview), path).GetRoot();

    /// <summary>The 1-based line a node starts on.</summary>
    public static int LineOf(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ConvenerBot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds ConvenerBot.sln.");
    }
}
