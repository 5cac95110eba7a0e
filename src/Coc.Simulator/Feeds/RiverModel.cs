using Coc.Core.Ingest;

namespace Coc.Simulator.Feeds;

/// <summary>
/// Batanghari water level at the city gauges, in metres: a seasonal swing, a slow regional wander,
/// rain that reaches the river through the catchment over days, and a faint tide.
/// </summary>
internal sealed class RiverModel
{
    private const double CatchmentHours = 24;   // rain → runoff
    private const double RiverHours = 72;       // runoff → river
    private const double MetresPerStoredMm = 0.012;
    private const double TidePeriodHours = 12.42;

    private static readonly Dictionary<string, double> BaseLevel = new(StringComparer.Ordinal)
    {
        ["pos-angso-duo"] = 10.2,
        ["pos-tanggo-rajo"] = 10.05,
    };

    private readonly Random _random;
    private readonly Drift _regional;
    private readonly List<Gauge> _gauges = [];
    private double _catchmentMm;
    private double _riverMm;
    private DateTimeOffset _time;

    public RiverModel(IReadOnlyList<Device> gauges, int seed)
    {
        _random = new Random(SeedMix.Derive(seed, "river"));
        _regional = new Drift(_random, 0.45, TimeSpan.FromDays(3));
        foreach (var device in gauges)
        {
            var level = BaseLevel.GetValueOrDefault(device.BaseId, 10.1) + (device.Copy > 1 ? 0.1 * _random.NextGaussian() : 0);
            _gauges.Add(new Gauge(device.Id, level, new Drift(_random, 0.05, TimeSpan.FromHours(8))));
        }
        // Begin near the store levels an average day of rain would give, not at an empty river.
        _catchmentMm = 0.4 * CatchmentHours;
        _riverMm = 0.4 * RiverHours;
    }

    public void Step(StepContext step)
    {
        var hours = step.Seconds / 3600;
        var runoff = _catchmentMm / CatchmentHours;
        _catchmentMm += (step.RainMmPerHour - runoff) * hours;
        _riverMm += (runoff - _riverMm / RiverHours) * hours;
        _regional.Step(step.Seconds);
        foreach (var gauge in _gauges)
        {
            gauge.Local.Step(step.Seconds);
        }
        _time = step.Time;
    }

    public void Emit(long timestampMs, List<SimMessage> output)
    {
        var season = 0.8 * DailyRhythm.Wetness(_time);
        var tide = 0.03 * Math.Sin(2 * Math.PI * (_time - DateTimeOffset.UnixEpoch).TotalHours / TidePeriodHours);
        var shared = season + _regional.Value + MetresPerStoredMm * _riverMm + tide;
        foreach (var gauge in _gauges)
        {
            var level = gauge.BaseLevel + shared + gauge.Local.Value + 0.004 * _random.NextGaussian();
            output.Add(new SimMessage(MqttTopicContract.SensorTopic(JambiFeeds.WaterLevelKind, gauge.Id),
                PayloadWriter.Value(timestampMs, Math.Round(Math.Clamp(level, 7.5, 15), 3))));
        }
    }

    private sealed record Gauge(string Id, double BaseLevel, Drift Local);
}
