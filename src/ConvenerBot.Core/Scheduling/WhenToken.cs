namespace ConvenerBot.Core.Scheduling;

/// <summary>
/// One piece of a typed time: a run of ASCII digits, a word (letters, with dots and apostrophes inside or after
/// them: <c>a.m.</c>, <c>o'clock</c>; lower case, a trailing dot dropped), or any other single sign.
/// <see cref="Start"/> and <see cref="Length"/> place it in the text as typed.
/// </summary>
internal readonly record struct WhenToken(WhenTokenKind Kind, string Text, int Start, int Length);

internal enum WhenTokenKind
{
    Number,
    Word,
    Sign,
}
