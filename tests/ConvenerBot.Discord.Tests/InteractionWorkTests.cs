using ConvenerBot.Discord.Tests.Support;
using ConvenerBot.Testing;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConvenerBot.Discord.Tests;

/// <summary>The work left for after an interaction's response: kept until done, failures logged once, losses logged on stop.</summary>
public sealed class InteractionWorkTests : IDisposable
{
    private readonly ListLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly ApplicationLifetime _lifetime = new(NullLogger<ApplicationLifetime>.Instance);

    public InteractionWorkTests() => _loggers = LoggerFactory.Create(b => b.AddProvider(_logs));

    [Fact]
    public async Task Work_ThatThrowsWhatTheResponderDoesNotCatch_IsLoggedOnce()
    {
        using var work = new InteractionWork(_lifetime, _loggers.CreateLogger<InteractionWork>());

        work.Start(new AfterResponse("i-1", "the rest of the answer", _ => throw new ObjectDisposedException("IServiceProvider")));
        await Eventually.HoldsAsync(() => work.Pending == 0);

        var failed = Assert.Single(_logs.Entries, e => e.Id.Id == 5020);
        Assert.IsType<ObjectDisposedException>(failed.Exception);
        Assert.Contains("i-1", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stopping_CancelsPendingWork_AndLogsItAsLost()
    {
        using var work = new InteractionWork(_lifetime, _loggers.CreateLogger<InteractionWork>());
        work.Start(new AfterResponse("i-2", "the deferred answer", ct => Task.Delay(Timeout.Infinite, ct)));

        _lifetime.StopApplication();

        Assert.Equal(0, work.Pending);
        var lost = Assert.Single(_logs.Entries, e => e.Id.Id == 5021);
        Assert.Contains("i-2", lost.Message, StringComparison.Ordinal);
        Assert.Contains("the deferred answer", lost.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkThatOutlastsTheGrace_IsLoggedAsLostOnce()
    {
        using var work = new InteractionWork(_lifetime, _loggers.CreateLogger<InteractionWork>()) { Grace = TimeSpan.FromMilliseconds(50) };
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Start(new AfterResponse("i-3", "the rest of the answer", _ => gate.Task));

        _lifetime.StopApplication();
        var pendingAfterStop = work.Pending;
        gate.SetResult();
        await Eventually.HoldsAsync(() => work.Pending == 0);

        Assert.Equal(1, pendingAfterStop);
        Assert.Single(_logs.Entries, e => e.Id.Id == 5021);
    }

    [Fact]
    public async Task WorkStartedAfterStopping_IsLoggedAsLost()
    {
        using var work = new InteractionWork(_lifetime, _loggers.CreateLogger<InteractionWork>());
        _lifetime.StopApplication();

        work.Start(new AfterResponse("i-4", "the deferred answer", ct => Task.Delay(Timeout.Infinite, ct)));
        await Eventually.HoldsAsync(() => work.Pending == 0);

        Assert.Contains("i-4", Assert.Single(_logs.Entries, e => e.Id.Id == 5021).Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _loggers.Dispose();
        _logs.Dispose();
    }
}
