using System.Security.Cryptography;
using System.Text;

namespace ConvenerBot.Core.Calendar;

/// <summary>
/// Feed tokens: 256 random bits, written as 64 lower-case hex digits (no character any chat's markup
/// escapes, so the address is shown and copied as it is). A token is found by its SHA-256 hash
/// and then compared with the stored one in constant time, so neither the lookup nor the comparison tells
/// how much of a guess was right.
/// </summary>
public static class CalendarTokens
{
    public const int Length = 64;

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether the text could be a token at all (length and alphabet); anything else is not looked up.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => c is (>= 'a' and <= 'f') or (>= '0' and <= '9'));

    public static bool SameToken(string given, string stored) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(stored));
}
