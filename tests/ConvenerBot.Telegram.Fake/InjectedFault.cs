namespace ConvenerBot.Telegram.Tests.Fake;

/// <summary>
/// An error answer queued by <see cref="FakeBotApi.FailNext"/> for one call of a method, or (garbled) a 200
/// whose body cannot be read, queued by <see cref="FakeBotApi.GarbleNext"/>.
/// </summary>
internal sealed record InjectedFault(int Status, string Description, int? RetryAfter, bool Garbled = false);
