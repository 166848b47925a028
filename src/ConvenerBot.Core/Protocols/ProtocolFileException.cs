namespace ConvenerBot.Core.Protocols;

/// <summary>A protocol file is malformed; start-up stops with this message.</summary>
public sealed class ProtocolFileException(string file, string field, string problem)
    : Exception($"Protocol file {file}: {field}: {problem}")
{
    public string File { get; } = file;

    public string Field { get; } = field;
}
