namespace ConvenerBot.Core.Conversations;

/// <summary>An opaque reference to one chat on one platform, built by the adapter.</summary>
public readonly record struct ConversationRef(string Platform, string Id)
{
    public override string ToString() => $"{Platform}:{Id}";
}
