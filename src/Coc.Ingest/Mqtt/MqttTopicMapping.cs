using Coc.Core.Ingest.Mapping;

namespace Coc.Ingest.Mqtt;

/// <summary>
/// One entry of <c>Coc:Mqtt:Mappings</c>: a sensor that publishes on its own topic in its own JSON
/// shape. The named segments of <see cref="Topic"/> become tags; the JSON paths pick the fields.
/// </summary>
public sealed class MqttTopicMapping : JsonMappingSpec
{
    /// <summary>The feed its samples are counted under on /feeds (lowercase letters, digits, '-').</summary>
    public string Name { get; set; } = "";

    /// <summary>Topic pattern, e.g. <c>dlh/{kecamatan}/udara/{station}</c>; <c>+</c> and a final <c>#</c> allowed.</summary>
    public string Topic { get; set; } = "";
}
