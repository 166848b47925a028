using System.Text.RegularExpressions;
using ConvenerBot.Core.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvenerBot.Core.Tests.Catalog;

/// <summary>
/// Code and catalog agree: every key Core and the adapters name is in Text/Messages (en.json, en.platforms.json)
/// with the placeholders the code fills, and every key there is used somewhere under src.
/// </summary>
public sealed partial class CatalogKeysTests
{
    /// <summary>Where keys are read from calls (<c>Phrase.Of</c>, <c>Say</c>, <c>Render</c>, <c>new ConvenerRuleException</c>, <c>Fail</c>).</summary>
    private static readonly string[] CodeFolders = [.. UserFacingLiteralTests.ScannedFolders];

    /// <summary>Keys that code builds from a prefix and a name, so their full text appears nowhere in src.</summary>
    private static readonly (string Prefix, string BuiltBy)[] BuiltKeys =
    [
        ("parse.missing.", "CommandTable.Bind: parse.missing.{argument}, when the catalog has one"),
        ("parse.too-long.", "CommandTable.Bind: parse.too-long.{argument}, when the catalog has one"),
        ("parse.not-a-number.", "CommandTable.Bind: parse.not-a-number.{case|session|page}"),
        ("parse.not-a-choice.", "CommandTable.Bind: parse.not-a-choice.{argument}"),
        ("parse.say-what.", "CommandParser: parse.say-what.{command group}"),
        ("parse.unknown-sub.", "CommandParser: parse.unknown-sub.{command group}"),
        ("command.", "CommandDescriptor.HelpKey: command.{path}"),
        ("arg.", "CommandArg.HintKey: arg.{name} and arg.number.{what}"),
        ("placeholder.", "CommandArg.PlaceholderKey: placeholder.{name}"),
        ("menu.", "a command group's menu entry (menu.{group}), for the adapters"),
        ("weekday.", "SeriesRule.Words: weekday.{IsoDayOfWeek, lower case}"),
    ];

    private static MessageCatalog Catalog => MessageCatalog.Default;

    [Fact]
    public void KeysNamedInCode_AreInTheCatalog()
    {
        var uses = Uses().ToList();

        var missing = uses.Where(u => !Catalog.Has(u.Key)).Select(u => $"{u.File}:{u.Line}: {u.Key}").ToList();

        Assert.True(uses.Count > 150, $"Only {uses.Count} keys were found in code; the scan no longer recognises the calls.");
        Assert.True(missing.Count == 0, "These keys are not in src/ConvenerBot.Core/Text/Messages/en.json or en.platforms.json:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void KeysNamedInCode_GiveExactlyThePlaceholdersOfTheirText()
    {
        var wrong = Uses()
            .Where(u => u.Names is not null && Catalog.Has(u.Key) && !Catalog.PlaceholdersOf(u.Key).ToHashSet().SetEquals(u.Names))
            .Select(u => $"{u.File}:{u.Line}: {u.Key} is given {{{string.Join("}, {", u.Names!.Order(StringComparer.Ordinal))}}}, "
                + $"its text has {{{string.Join("}, {", Catalog.PlaceholdersOf(u.Key).Order(StringComparer.Ordinal))}}}")
            .ToList();

        Assert.True(wrong.Count == 0, "These calls do not fill the placeholders of their text:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public void CatalogKeys_AreAllUsedUnderSrc()
    {
        var code = string.Join('\n', SourceFiles.CSharpFiles("src").Select(File.ReadAllText));

        var unused = Catalog.Keys
            .Where(key => !code.Contains($"\"{key}\"", StringComparison.Ordinal) && !BuiltKeys.Any(b => key.StartsWith(b.Prefix, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(
            unused.Count == 0,
            "No code under src uses these catalog keys. Remove them from the catalog, or, if code builds them from a prefix, "
            + $"add the prefix to {nameof(CatalogKeysTests)}.{nameof(BuiltKeys)}:\n" + string.Join('\n', unused));
    }

    [Fact]
    public void CatalogKeys_AreLowerCaseDottedNames()
    {
        var odd = Catalog.Keys.Where(k => !KeyShape().IsMatch(k)).Order(StringComparer.Ordinal).ToList();

        Assert.True(odd.Count == 0, "Keys are lower-case words with dashes, grouped by dots (rule.case.not-found):\n" + string.Join('\n', odd));
    }

    /// <summary>A key named in code, and the placeholder names given with it when they are all written as ("name", value).</summary>
    private sealed record KeyUse(string File, int Line, string Key, IReadOnlyList<string>? Names);

    private static IEnumerable<KeyUse> Uses()
    {
        foreach (var path in CodeFolders.SelectMany(SourceFiles.CSharpFiles))
        {
            var file = SourceFiles.Relative(path);
            foreach (var node in SourceFiles.Parse(File.ReadAllText(path), file).DescendantNodes())
            {
                var (arguments, keyAt) = KeyArgument(node);
                if (arguments is null || arguments.Count <= keyAt)
                {
                    continue;
                }

                var names = Names(arguments.Skip(keyAt + 1).ToList());
                foreach (var key in Keys(arguments[keyAt].Expression))
                {
                    yield return new KeyUse(file, SourceFiles.LineOf(node), key, names);
                }
            }
        }
    }

    /// <summary>The arguments of a call that names a key, and where the key is among them.</summary>
    private static (IReadOnlyList<ArgumentSyntax>? Arguments, int KeyAt) KeyArgument(SyntaxNode node) => node switch
    {
        InvocationExpressionSyntax call => Called(call) switch
        {
            ("Phrase", "Of") or (_, "Say") => (call.ArgumentList.Arguments.ToList(), 0),
            // ValidateOptionsResult.Fail takes a configuration error for operators, not a key.
            (var receiver, "Fail") when receiver != "ValidateOptionsResult" => (call.ArgumentList.Arguments.ToList(), 0),
            (_, "Render") => (call.ArgumentList.Arguments.ToList(), 1),
            _ => (null, 0),
        },
        ObjectCreationExpressionSyntax creation when creation.Type is IdentifierNameSyntax { Identifier.ValueText: nameof(ConvenerRuleException) }
            || creation.Type is QualifiedNameSyntax { Right.Identifier.ValueText: nameof(ConvenerRuleException) } =>
            (creation.ArgumentList?.Arguments.ToList(), 0),
        ImplicitObjectCreationExpressionSyntax creation
            when creation.FirstAncestorOrSelf<MethodDeclarationSyntax>()?.ReturnType is IdentifierNameSyntax { Identifier.ValueText: nameof(ConvenerRuleException) } =>
            (creation.ArgumentList.Arguments.ToList(), 0),
        _ => (null, 0),
    };

    /// <summary>The receiver's last name and the method's name: <c>Text.Phrase.Of</c> is ("Phrase", "Of").</summary>
    private static (string? Receiver, string? Method) Called(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax member => (member.Expression switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText,
            MemberAccessExpressionSyntax inner => inner.Name.Identifier.ValueText,
            _ => null,
        }, member.Name.Identifier.ValueText),
        IdentifierNameSyntax name => (null, name.Identifier.ValueText),
        _ => (null, null),
    };

    /// <summary>The keys an argument can be: a literal, or literals chosen by ?: or a switch.</summary>
    private static IEnumerable<string> Keys(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => [literal.Token.ValueText],
        ParenthesizedExpressionSyntax parenthesized => Keys(parenthesized.Expression),
        ConditionalExpressionSyntax conditional => Keys(conditional.WhenTrue).Concat(Keys(conditional.WhenFalse)),
        SwitchExpressionSyntax switched => switched.Arms.SelectMany(arm => Keys(arm.Expression)),
        _ => [],
    };

    /// <summary>The names of ("name", value) arguments; null when any argument is written otherwise.</summary>
    private static List<string>? Names(List<ArgumentSyntax> arguments)
    {
        var names = new List<string>();
        foreach (var argument in arguments)
        {
            if (argument.Expression is not TupleExpressionSyntax { Arguments: [{ Expression: LiteralExpressionSyntax name }, _] }
                || !name.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return null;
            }

            names.Add(name.Token.ValueText);
        }

        return names;
    }

    [GeneratedRegex(@"^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$")]
    private static partial Regex KeyShape();
}
