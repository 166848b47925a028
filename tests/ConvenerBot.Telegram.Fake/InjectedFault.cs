namespace ConvenerBot.Telegram.Tests.Fake;

/// <summary>An error answer queued by <see cref="FakeBotApi.FailNext"/> for one call of a method.</summary>
internal sealed record InjectedFault(int Status, string Description, int? RetryAfter);
