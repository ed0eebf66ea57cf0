using Baton.Conformance;
using Baton.Journal;

namespace Baton.Tests.Humans;

public sealed class InMemoryPendingInputConformanceTests : PendingInputConformanceTests
{
    protected override ValueTask<IRunStore> CreateStoreAsync() => ValueTask.FromResult<IRunStore>(new InMemoryRunStore());

    protected override ValueTask<IRunStore> OpenSameStoreAsync(IRunStore store) => ValueTask.FromResult(store);
}
