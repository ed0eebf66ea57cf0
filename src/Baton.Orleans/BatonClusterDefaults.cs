namespace Baton.Orleans;

/// <summary>Names a Baton cluster uses unless told otherwise.</summary>
public static class BatonClusterDefaults
{
    /// <summary>The default cluster id.</summary>
    public const string ClusterId = "baton";

    /// <summary>The default service id.</summary>
    public const string ServiceId = "baton";

    /// <summary>The ADO.NET invariant name Orleans' providers load Npgsql by.</summary>
    public const string AdoNetInvariant = "Npgsql";
}
