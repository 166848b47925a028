namespace ConvenerBot.Storage;

/// <summary>A unique index or constraint the engine expects to be violated now and then, named so that each dialect can recognise it.</summary>
internal sealed record UniqueIndex(string Name, string Table, IReadOnlyList<string> Columns);
