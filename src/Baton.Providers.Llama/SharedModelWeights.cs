using LLama;
using LLama.Common;

namespace Baton.Providers.Llama;

/// <summary>
/// One loaded copy of each GGUF file per process: clients that name the same file (several agents on one local
/// model) share its weights and take turns generating, so memory holds one model, not one per agent.
/// </summary>
/// <remarks>
/// Reference-counted: the weights are released when the last client using them is disposed. Keyed by the file's
/// full path; weights load with the same parameters for every client (CPU only, no GPU layers), while context size
/// and threads are per request.
/// </remarks>
internal sealed class SharedModelWeights
{
    private static readonly Dictionary<string, SharedModelWeights> s_loaded = new(StringComparer.Ordinal);
    private static readonly Lock s_lock = new();
    private readonly string _key;
    private int _users;

    private SharedModelWeights(string key, LLamaWeights weights)
    {
        _key = key;
        Weights = weights;
    }

    /// <summary>Gets the loaded weights.</summary>
    public LLamaWeights Weights { get; }

    /// <summary>Gets the gate that lets one generation run at a time on these weights (a CPU gains nothing from two).</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Gets how many clients currently use these weights.</summary>
    public int Users
    {
        get
        {
            lock (s_lock)
            {
                return _users;
            }
        }
    }

    /// <summary>Returns the loaded weights of <paramref name="parameters"/>' file, loading them if no client holds them.</summary>
    public static SharedModelWeights Acquire(ModelParams parameters)
    {
        var key = Path.GetFullPath(parameters.ModelPath);
        lock (s_lock)
        {
            if (!s_loaded.TryGetValue(key, out var shared))
            {
                // Loading under the lock keeps two agents from loading the same file twice at startup.
                shared = new SharedModelWeights(key, LLamaWeights.LoadFromFile(parameters));
                s_loaded[key] = shared;
            }

            shared._users++;
            return shared;
        }
    }

    /// <summary>Gives back one use; the last one releases the weights.</summary>
    public void Release()
    {
        lock (s_lock)
        {
            if (--_users > 0)
            {
                return;
            }

            s_loaded.Remove(_key);
        }

        Weights.Dispose();
        Gate.Dispose();
    }
}
