using System.Text.Json.Serialization;

namespace Coc.Web.Hub;

/// <summary>The <c>scene</c> message hub clients receive: a wall and the scene it shows now.</summary>
public sealed record SceneUpdate(
    [property: JsonPropertyName("wall")] string Wall,
    [property: JsonPropertyName("scene")] string Scene);
