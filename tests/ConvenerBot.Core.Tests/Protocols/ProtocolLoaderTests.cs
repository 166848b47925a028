using ConvenerBot.Core.Protocols;
using ConvenerBot.Core.Sessions;

namespace ConvenerBot.Core.Tests.Protocols;

public sealed class ProtocolLoaderTests
{
    private const string Valid =
        """
        { "key": "tiny", "name": "Tiny", "stages": [
          { "key": "a", "title": "A", "prompt": "Do A", "minutes": 5, "collects": [ { "kind": "idea", "from": "group" } ] } ] }
        """;

    [Fact]
    public void LoadDirectory_ShippedSeeds_LoadTheSixStageDefault()
    {
        var catalog = ProtocolLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "seeds", "protocols"), "peer-to-peer");

        var stages = catalog.Default.Stages;
        Assert.Equal(["challenge", "listen", "clarify", "questions", "next-steps", "learning"], stages.Select(s => s.Key));
        Assert.Equal(new Collect(ContributionKind.ClarifyingQuestion, Contributors.Group), Assert.Single(stages[2].Collects));
        Assert.Contains(new Collect(ContributionKind.NextStep, Contributors.Holder), stages[4].Collects);
        Assert.Contains(new Collect(ContributionKind.Learning, Contributors.Everyone), stages[5].Collects);
    }

    [Fact]
    public void Parse_ValidFile_ReadsEveryField()
    {
        var protocol = ProtocolLoader.Parse(Valid, "tiny.json");

        var stage = Assert.Single(protocol.Stages);
        Assert.Equal(("tiny", "Tiny", "a", "A", "Do A", 5), (protocol.Key, protocol.Name, stage.Key, stage.Title, stage.Prompt, stage.Minutes));
    }

    [Theory]
    [InlineData("{ not json", "(json)")]
    [InlineData("[]", "(root)")]
    [InlineData("""{ "name": "X", "stages": [] }""", "key")]
    [InlineData("""{ "key": "Bad Key", "name": "X", "stages": [] }""", "key")]
    [InlineData("""{ "key": "x", "stages": [] }""", "name")]
    [InlineData("""{ "key": "x", "name": "X", "stages": [] }""", "stages")]
    [InlineData("""{ "key": "x", "name": "X", "stages": [ { "key": "a", "title": "A", "prompt": "P", "minutes": 0 } ] }""", "stages[0].minutes")]
    [InlineData("""{ "key": "x", "name": "X", "stages": [ { "key": "a", "title": "A", "prompt": "P", "minutes": "ten" } ] }""", "stages[0].minutes")]
    [InlineData("""{ "key": "x", "name": "X", "stages": [ { "key": "a", "title": "A", "minutes": 5 } ] }""", "stages[0].prompt")]
    [InlineData("""{ "key": "x", "name": "X", "stages": [ { "key": "a", "title": "A", "prompt": "P", "minutes": 5, "collects": [ { "kind": "advice", "from": "group" } ] } ] }""", "stages[0].collects[0].kind")]
    [InlineData("""{ "key": "x", "name": "X", "stages": [ { "key": "a", "title": "A", "prompt": "P", "minutes": 5, "collects": [ { "kind": "idea", "from": "groupp" } ] } ] }""", "stages[0].collects[0].from")]
    [InlineData("""{ "key": "x", "name": "X", "stages": [ { "key": "a", "title": "A", "prompt": "P", "minutes": 5 }, { "key": "a", "title": "B", "prompt": "P", "minutes": 5 } ] }""", "stages[1].key")]
    public void Parse_MalformedFile_NamesFileAndField(string json, string field)
    {
        var ex = Assert.Throws<ProtocolFileException>(() => ProtocolLoader.Parse(json, "broken.json"));

        Assert.Equal("broken.json", ex.File);
        Assert.Equal(field, ex.Field);
        Assert.StartsWith($"Protocol file broken.json: {field}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_UnknownDefault_IsRefused()
    {
        var dir = Directory.CreateTempSubdirectory();
        File.WriteAllText(Path.Combine(dir.FullName, "tiny.json"), Valid);

        var ex = Assert.Throws<ProtocolFileException>(() => ProtocolLoader.LoadDirectory(dir.FullName, "peer-to-peer"));

        Assert.Contains("'peer-to-peer' was not found", ex.Message, StringComparison.Ordinal);
        dir.Delete(recursive: true);
    }
}
