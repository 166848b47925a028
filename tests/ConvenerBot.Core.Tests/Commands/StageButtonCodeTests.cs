using System.Text;
using ConvenerBot.Core.Conversations;

namespace ConvenerBot.Core.Tests.Commands;

public sealed class StageButtonCodeTests
{
    [Fact]
    public void EncodeThenParse_RoundTrips_WellWithinSixtyFourBytes()
    {
        var data = StageButtonCode.Encode(StageAction.Back, new StageRef(999_999_999, 240));

        Assert.True(StageButtonCode.TryParse(data, out var button));
        Assert.Equal(new StageButton(StageAction.Back, new StageRef(999_999_999, 240)), button);
        Assert.True(Encoding.UTF8.GetByteCount(data) <= 64);
    }

    [Theory]
    [InlineData(StageAction.Start, "s:a:3:1")]
    [InlineData(StageAction.Extend, "s:t:3:1")]
    public void StartAndExtend_HaveCodesOfTheirOwn(StageAction action, string expected)
    {
        var data = StageButtonCode.Encode(action, new StageRef(3, 1));

        Assert.Equal(expected, data);
        Assert.True(StageButtonCode.TryParse(data, out var button));
        Assert.Equal(action, button.Action);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("s:y:1:1")]
    [InlineData("s:n:0:1")]
    [InlineData("s:n:1:0")]
    [InlineData("s:n:-1:1")]
    [InlineData("s:n:1:1:extra")]
    [InlineData("s:n:9999999999:1")]
    [InlineData("s:n:1:1\n")]
    [InlineData("{\"action\":\"next\"}")]
    [InlineData("s:n:١:1")]
    public void TryParse_ForgedOrMalformed_IsRejected(string? data) =>
        Assert.False(StageButtonCode.TryParse(data, out _));
}
