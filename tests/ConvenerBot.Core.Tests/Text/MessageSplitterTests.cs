using ConvenerBot.Core.Text;

namespace ConvenerBot.Core.Tests.Text;

public sealed class MessageSplitterTests
{
    [Fact]
    public void Pieces_AnEmojiAtTheEdge_GoesWholeIntoTheNextPiece()
    {
        var text = new string('a', 1999) + "😀" + new string('b', 10);

        var pieces = MessageSplitter.Pieces(text, 2000).ToList();

        Assert.Equal([new string('a', 1999), "😀" + new string('b', 10)], pieces);
        Assert.Equal(text, string.Concat(pieces));
    }

    [Fact]
    public void Pack_KeepsWholeLinesTogether_AndCutsOnlyALineTooLongOnItsOwn()
    {
        string[] lines = ["one", "two", new string('x', 12), "three"];

        var chunks = MessageSplitter.Pack(lines, 10, l => l.Length, l => MessageSplitter.Pieces(l, 10));

        Assert.Equal(["one\ntwo", "xxxxxxxxxx", "xx\nthree"], chunks);
    }
}
