using Baton.Testing;

namespace Baton.Samples.Sequential;

/// <summary>A scripted stand-in for a model, answering each agent by the role in its prompt.</summary>
internal static class ScriptedModel
{
    public static ScriptedChatClient Create() => ScriptedChatClient.PerAgent(new Dictionary<string, IReadOnlyList<string>>
    {
        ["researcher"] =
        [
            """
            Let me think about which sources to trust first... (this scratchpad is never forwarded)
            ```json
            {
              "summary": "Rising temperatures, shifting rainfall and more extreme weather are changing where and how well crops grow.",
              "key_facts": [
                "Each 1 degree C of warming cuts global wheat yields by about 6 percent.",
                "Droughts and floods are becoming more frequent in major growing regions.",
                "Warmer winters let pests and crop diseases spread to new areas."
              ],
              "sources": ["IPCC AR6 WGII, chapter 5", "Zhao et al. 2017, PNAS"]
            }
            ```
            """,
        ],
        ["writer"] =
        [
            "Climate change is already reshaping farming. Hotter summers are lowering harvests: each degree of warming cuts wheat yields by about six percent. Rain now comes at the wrong times, so droughts and floods strike more often. Warmer winters also let pests and diseases move into new regions, where crops have no defence. Farmers are adapting with new seed varieties and smarter watering, but the pressure is growing.",
        ],
        ["editor"] =
        [
            "Climate change is reshaping farming. Hotter summers shrink harvests: each degree of warming cuts wheat yields by about six percent. Rain falls at the wrong times, so droughts and floods hit more often. Warmer winters let pests and diseases spread to new places. Farmers are fighting back with new seeds and smarter watering. But the pressure keeps growing.",
        ],
    });
}
