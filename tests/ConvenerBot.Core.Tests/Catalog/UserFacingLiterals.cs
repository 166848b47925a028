using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvenerBot.Core.Tests.Catalog;

/// <summary>A string in code that reads like a sentence for people: <c>file:line: literal</c>.</summary>
public sealed record LiteralFinding(string File, int Line, string Literal)
{
    public override string ToString() => $"{File}:{Line}: {Literal}";
}

/// <summary>A literal that may stay in code although it looks like words, and why.</summary>
/// <param name="File">The file, relative to the repository root with forward slashes.</param>
/// <param name="Literal">The literal's value (for an interpolated string: its text with <c>{}</c> for each hole).</param>
public sealed record AllowedLiteral(string File, string Literal, string Reason);

/// <summary>
/// Finds sentences for people written in code instead of the message catalog: string literals and
/// interpolated strings that contain a letter and a space, or are one capitalised word ending in '.', '?', '!' or ':'.
/// Left alone: arguments of logging calls and [LoggerMessage], messages of exceptions other than
/// <see cref="ConvenerRuleException"/> (faults for operators, not members), SQL, words without spaces
/// (keys, codes, patterns), commands as typed (<c>/session end</c>) and the allowed literals given.
/// Also left alone, as text for operators and other programs rather than members: options validators
/// (<c>IValidateOptions</c>) and the <c>ErrorMessage</c> of validation attributes on an options class,
/// answers to HTTP requests (<c>Results.BadRequest(…)</c>), text handed to a call together with the logger,
/// HTTP headers, and text matched against an error's <c>Message</c>.
/// </summary>
public static partial class UserFacingLiterals
{
    /// <summary>Scans every .cs file under the folders (relative to the repository root).</summary>
    public static IReadOnlyList<LiteralFinding> Scan(IEnumerable<string> sourceFolders, IReadOnlyCollection<AllowedLiteral> allowed)
    {
        ArgumentNullException.ThrowIfNull(sourceFolders);
        return [.. sourceFolders.SelectMany(SourceFiles.CSharpFiles)
            .SelectMany(file => ScanSource(SourceFiles.Relative(file), File.ReadAllText(file), allowed))];
    }

    /// <summary>Scans one file's text; <paramref name="file"/> is how findings and the allow-list name it.</summary>
    public static IEnumerable<LiteralFinding> ScanSource(string file, string source, IReadOnlyCollection<AllowedLiteral> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        foreach (var node in SourceFiles.Parse(source, file).DescendantNodes())
        {
            var text = TextOf(node);
            if (text is null || !LooksLikeSentence(text) || IsExempt(node) || IsSql(text) || IsCommandSyntax(text)
                || allowed.Any(a => a.File == file && a.Literal == text))
            {
                continue;
            }

            yield return new LiteralFinding(file, SourceFiles.LineOf(node), Collapse(node.ToString()));
        }
    }

    /// <summary>
    /// True for text with a letter and a space ("no case yet"), or one capitalised word ending like a
    /// sentence ("Cases:", "Done."); a key or prefix such as "command." is not one.
    /// </summary>
    public static bool LooksLikeSentence(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(char.IsLetter))
        {
            return false;
        }

        return text.Any(char.IsWhiteSpace) || OneWordSentence().IsMatch(text);
    }

    /// <summary>A literal's value; an interpolated string's text parts with <c>{}</c> for each hole; null for other nodes.</summary>
    private static string? TextOf(SyntaxNode node) => node switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.IsKind(SyntaxKind.Utf8StringLiteralExpression) =>
            literal.Token.ValueText,
        InterpolatedStringExpressionSyntax interpolated =>
            string.Concat(interpolated.Contents.Select(part => part is InterpolatedStringTextSyntax text ? text.TextToken.ValueText : "{}")),
        _ => null,
    };

    private static bool IsExempt(SyntaxNode node)
    {
        // A call's own arguments are judged by the call; text inside a lambda handed to it is not.
        var inLambda = false;
        foreach (var ancestor in node.Ancestors())
        {
            var exempt = ancestor switch
            {
                AttributeSyntax attribute => NameOf(attribute.Name) is "LoggerMessage" or "LoggerMessageAttribute",
                AttributeArgumentSyntax argument => IsOptionsErrorMessage(argument),
                InvocationExpressionSyntax call => !inLambda && (IsLogging(call) || IsHandedTheLogger(call) || IsHttpResult(call) || IsHeader(call) || IsErrorMatch(call)),
                ObjectCreationExpressionSyntax creation => IsOtherException(NameOf(creation.Type)),
                PrimaryConstructorBaseTypeSyntax baseType => IsOtherException(NameOf(baseType.Type)),
                ConstructorInitializerSyntax initializer => initializer.IsKind(SyntaxKind.BaseConstructorInitializer)
                    && initializer.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.BaseList?.Types.Any(t => IsOtherException(NameOf(t.Type))) == true,
                TypeDeclarationSyntax type => IsOptionsValidator(type),
                _ => false,
            };
            if (exempt)
            {
                return true;
            }

            inLambda |= ancestor is AnonymousFunctionExpressionSyntax;
        }

        return false;
    }

    /// <summary>An <c>IValidateOptions&lt;T&gt;</c>: what it says is for whoever configures the bot.</summary>
    private static bool IsOptionsValidator(TypeDeclarationSyntax type) =>
        type.BaseList?.Types.Any(t => NameOf(t.Type) == "IValidateOptions") == true;

    /// <summary><c>[RegularExpression(…, ErrorMessage = "…")]</c> on a property of an options class: a configuration error.</summary>
    private static bool IsOptionsErrorMessage(AttributeArgumentSyntax argument) =>
        argument.NameEquals?.Name.Identifier.ValueText == "ErrorMessage"
        && argument.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.Identifier.ValueText.EndsWith("Options", StringComparison.Ordinal) == true;

    /// <summary>A call given the logger (<c>Log.Connected(logger, …)</c>, <c>Malformed(logger, reason)</c>): its text goes to the log.</summary>
    private static bool IsHandedTheLogger(InvocationExpressionSyntax call) =>
        call.ArgumentList.Arguments.Any(a => a.Expression is IdentifierNameSyntax { Identifier.ValueText: "logger" or "_logger" });

    /// <summary><c>Results.BadRequest(…)</c> and the like: the answer to a platform's HTTP request, read by its server, not by members.</summary>
    private static bool IsHttpResult(InvocationExpressionSyntax call) =>
        call.Expression is MemberAccessExpressionSyntax member && NameOf(member.Expression) is "Results" or "TypedResults";

    /// <summary><c>request.Headers.TryAddWithoutValidation("Authorization", "Bot " + token)</c>: HTTP headers and their schemes.</summary>
    private static bool IsHeader(InvocationExpressionSyntax call) =>
        call.Expression is MemberAccessExpressionSyntax member && NameOf(member.Expression) is "Headers" or "DefaultRequestHeaders";

    /// <summary>
    /// <c>ex.Message.Contains("chat not found", …)</c>, <c>call.Description.Contains(…)</c>: text a platform's error
    /// is recognised by, never shown.
    /// </summary>
    private static bool IsErrorMatch(InvocationExpressionSyntax call) =>
        call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Contains" or "StartsWith" or "EndsWith" or "Equals" or "IndexOf" } member
        && NameOf(member.Expression) is "Message" or "Description";

    /// <summary><c>logger.LogWarning(…)</c>, a [LoggerMessage] method <c>LogSomething(…)</c>, <c>BeginScope</c>, <c>LoggerMessage.Define</c>.</summary>
    private static bool IsLogging(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax member => LoggingName().IsMatch(member.Name.Identifier.ValueText)
            || member.Name.Identifier.ValueText == "BeginScope"
            || NameOf(member.Expression) == "LoggerMessage",
        IdentifierNameSyntax name => LoggingName().IsMatch(name.Identifier.ValueText),
        GenericNameSyntax generic => LoggingName().IsMatch(generic.Identifier.ValueText),
        _ => false,
    };

    /// <summary>An exception whose message is for operators and logs; a <see cref="ConvenerRuleException"/> speaks to members.</summary>
    private static bool IsOtherException(string? typeName) =>
        typeName is not null && typeName.EndsWith("Exception", StringComparison.Ordinal) && typeName != nameof(ConvenerRuleException);

    private static string? NameOf(SyntaxNode node) => node switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        QualifiedNameSyntax qualified => NameOf(qualified.Right),
        AliasQualifiedNameSyntax alias => NameOf(alias.Name),
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        _ => null,
    };

    private static bool IsSql(string text) => Sql().IsMatch(text);

    /// <summary>A command as members type it (<c>/session end</c>, <c>/as </c>): syntax, not a sentence.</summary>
    private static bool IsCommandSyntax(string text) => CommandSyntax().IsMatch(text);

    private static string Collapse(string source) => WhiteSpace().Replace(source, " ");

    [GeneratedRegex(@"^\p{Lu}[\p{L}'’-]*[.?!:]$")]
    private static partial Regex OneWordSentence();

    [GeneratedRegex("^Log([A-Z][A-Za-z0-9]*)?$")]
    private static partial Regex LoggingName();

    [GeneratedRegex(@"^\s*(SELECT\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|WITH\s+\w+\s+AS\s*\(|CREATE\s+(UNIQUE\s+)?(TABLE|INDEX)\s|ALTER\s+TABLE\s|DROP\s+(TABLE|INDEX)\s)", RegexOptions.IgnoreCase)]
    private static partial Regex Sql();

    [GeneratedRegex("^/[a-z]+( [a-z]+)* ?$")]
    private static partial Regex CommandSyntax();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
