namespace ConvenerBot.Telegram.Tests.Fake;

/// <summary>An update waiting in the fake's queue, kept after confirmation so it can be redelivered.</summary>
internal sealed class QueuedUpdate(long id, string json)
{
    public long Id { get; } = id;

    public string Json { get; } = json;

    public bool Confirmed { get; set; }
}
