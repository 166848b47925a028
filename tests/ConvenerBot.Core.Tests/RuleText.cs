using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Tests;

/// <summary>A refusal as a member reads it in English (the exception itself carries only the key and values).</summary>
internal static class RuleText
{
    public static string Of(ConvenerRuleException exception) => MessageCatalog.Default.Render(MessageCatalog.DefaultLanguage, exception.Phrase);
}
