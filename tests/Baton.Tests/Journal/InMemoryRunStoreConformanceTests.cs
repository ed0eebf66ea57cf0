using Baton.Conformance;
using Baton.Journal;

namespace Baton.Tests.Journal;

public sealed class InMemoryRunStoreConformanceTests : RunStoreConformanceTests
{
    protected override ValueTask<IRunStore> CreateStoreAsync() => ValueTask.FromResult<IRunStore>(new InMemoryRunStore());

    protected override ValueTask<IRunStore> OpenSameStoreAsync(IRunStore store) => ValueTask.FromResult(store);
}
