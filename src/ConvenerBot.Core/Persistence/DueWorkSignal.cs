using System.Threading.Channels;

namespace ConvenerBot.Core.Persistence;

/// <summary>
/// Wakes the due-work loop of this process before its next poll, when a command has just written work that
/// is due at once and members are watching for it (the buttons of a prompt the session moved on from).
/// Other instances find such work at their next poll; nothing is lost when no one waits.
/// </summary>
public sealed class DueWorkSignal
{
    private readonly Channel<bool> _pulses = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a run as soon as possible; pulses before the run is taken are one.</summary>
    public void Pulse() => _pulses.Writer.TryWrite(true);

    /// <summary>Completes when a pulse comes (consuming it).</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _pulses.Reader.ReadAsync(cancellationToken);
    }
}
