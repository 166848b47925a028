namespace ConvenerBot.Core.Conversations;

/// <summary>An opaque reference to one person on one platform, built by the adapter.</summary>
public readonly record struct MemberRef(string Platform, string Id)
{
    public override string ToString() => $"{Platform}:{Id}";
}
