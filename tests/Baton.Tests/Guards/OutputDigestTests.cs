using System.Text.Json;
using Baton.Guards;

namespace Baton.Tests.Guards;

public class OutputDigestTests
{
    [Fact]
    public void Compute_SameValues_SameDigest_DifferentValues_DifferentDigest()
    {
        var a = JsonSerializer.SerializeToElement("refund issued");
        var b = JsonSerializer.SerializeToElement("refund refused");

        Assert.Equal(OutputDigest.Compute([a]), OutputDigest.Compute([a.Clone()]));
        Assert.NotEqual(OutputDigest.Compute([a]), OutputDigest.Compute([b]));
        Assert.Equal(16, OutputDigest.Compute([a]).Length);
    }

    [Fact]
    public void Compute_NoValues_IsNone()
    {
        Assert.Equal(OutputDigest.None, OutputDigest.Compute([null, null]));
        Assert.Equal(OutputDigest.None, OutputDigest.Compute([]));
    }
}
