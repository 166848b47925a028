using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace ConvenerBot.Discord;

/// <summary>
/// Checks that a request comes from Discord: an Ed25519 signature (<c>X-Signature-Ed25519</c>) over the
/// timestamp header followed by the raw body, made with the application's key; and a timestamp close to
/// now, so a captured request cannot be replayed later.
/// </summary>
internal sealed class InteractionVerifier(DiscordOptions options, TimeProvider time)
{
    private readonly PublicKey _key = PublicKey.Import(
        SignatureAlgorithm.Ed25519, Convert.FromHexString(options.PublicKey!), KeyBlobFormat.RawPublicKey);

    public bool IsFromDiscord(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (signatureHex is not { Length: 128 } || string.IsNullOrEmpty(timestamp) || timestamp.Length > 20
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var skew = Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - seconds);
        if (skew > options.MaxClockSkewSeconds)
        {
            return false;
        }

        byte[] signature;
        try
        {
            signature = Convert.FromHexString(signatureHex);
        }
        catch (FormatException)
        {
            return false;
        }

        var message = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
        var written = Encoding.UTF8.GetBytes(timestamp, message);
        body.CopyTo(message.AsSpan(written));
        return SignatureAlgorithm.Ed25519.Verify(_key, message, signature);
    }
}
