namespace ConvenerBot.Core.Protocols;

/// <summary>The protocols loaded at start-up, by key.</summary>
public sealed class ProtocolCatalog
{
    private readonly Dictionary<string, Protocol> _byKey;

    public ProtocolCatalog(IEnumerable<Protocol> protocols, string defaultKey)
    {
        _byKey = protocols.ToDictionary(p => p.Key, StringComparer.OrdinalIgnoreCase);
        if (!_byKey.TryGetValue(defaultKey, out var fallback))
        {
            throw new ProtocolFileException("(protocols)", "default", $"the default protocol '{defaultKey}' was not found among: {string.Join(", ", _byKey.Keys)}");
        }

        Default = fallback;
    }

    public Protocol Default { get; }

    public IEnumerable<Protocol> All => _byKey.Values.OrderBy(p => p.Key, StringComparer.Ordinal);

    public Protocol? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The protocol a stored session refers to; a removed protocol is a configuration fault.</summary>
    public Protocol Get(string key) =>
        Find(key) ?? throw new InvalidOperationException($"Protocol '{key}' is used by a stored session but no longer loaded.");
}
