using System.Text.Json.Nodes;

namespace ConvenerBot.Telegram.Tests.Fake;

public sealed partial class FakeBotApi
{
    /// <summary>One Bot API call received by <see cref="FakeBotApi"/>, whatever its outcome.</summary>
    /// <param name="Method">The method name in lower case, e.g. <c>sendmessage</c>.</param>
    /// <param name="Body">The JSON parameters as received (an empty object when none were sent).</param>
    /// <param name="At">When the call was answered.</param>
    /// <param name="Status">The HTTP status of the answer; 499 when the client gave up first.</param>
    public sealed record RecordedRequest(string Method, JsonObject Body, DateTimeOffset At, int Status);
}
