using Baton.Journal;
using Baton.Orchestration;
using Baton.Orleans.Errors;
using Npgsql;

namespace Baton.Orleans.Tests;

public sealed class ClusterErrorsTests
{
    [Fact]
    public void ToWire_PostgresException_BecomesAClusterRunExceptionWithItsMessage()
    {
        var postgres = new PostgresException("relation \"baton_events\" does not exist", "ERROR", "ERROR", "42P01");

        var wire = Assert.IsType<ClusterRunException>(ClusterErrors.ToWire(postgres, "r1"));

        Assert.Equal("Npgsql.PostgresException", wire.ErrorType);
        Assert.Equal("r1", wire.RunId);
        Assert.Contains("baton_events", wire.Message, StringComparison.Ordinal);
        Assert.IsType<RunStoreUnavailableException>(ClusterErrors.FromWire(wire));
    }

    [Fact]
    public void ToWire_StoreErrorWithNpgsqlCause_ComesBackAsTheStoresType()
    {
        var store = new RunStoreUnavailableException("db:5432/baton", "The PostgreSQL run store at db:5432/baton cannot be reached.", new NpgsqlException("refused"));

        var back = ClusterErrors.FromWire(Assert.IsType<ClusterRunException>(ClusterErrors.ToWire(store, "r1")));

        var typed = Assert.IsType<RunStoreUnavailableException>(back);
        Assert.Equal(store.Message, typed.Message);
    }

    [Fact]
    public void ToWire_MessageWithAPassword_MasksIt()
    {
        var leaked = new RunStoreException("Cannot open Host=db;Username=baton;Password=s3cret;Database=baton.");

        var wire = Assert.IsType<ClusterRunException>(ClusterErrors.ToWire(leaked, null));

        Assert.DoesNotContain("s3cret", wire.Message, StringComparison.Ordinal);
        Assert.Contains("Password=***", wire.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToWire_SerializableExceptions_TravelAsThemselves()
    {
        var unavailable = new OrchestrationUnavailableException("not here");
        var argument = new ArgumentException("bad");

        Assert.Same(unavailable, ClusterErrors.ToWire(unavailable, null));
        Assert.Same(argument, ClusterErrors.ToWire(argument, null));
        Assert.IsType<ClusterRunException>(ClusterErrors.ToWire(new ArgumentException("bad", new NpgsqlException("inner")), null));
    }

    [Fact]
    public void FromWire_BatonTypes_ComeBackAsThemselves()
    {
        Assert.IsType<LeaseLostException>(RoundTrip(new LeaseLostException("lost")));
        Assert.IsType<ReplayMismatchException>(RoundTrip(new ReplayMismatchException("changed")));
        Assert.IsType<OrchestrationConfigurationException>(RoundTrip(new OrchestrationConfigurationException("bad")));
        Assert.IsType<ClusterRunException>(RoundTrip(new FormatException("other", new NpgsqlException("x"))));
    }

    private static Exception RoundTrip(Exception exception) =>
        ClusterErrors.FromWire(Assert.IsType<ClusterRunException>(ClusterErrors.ToWire(exception, null)));
}
