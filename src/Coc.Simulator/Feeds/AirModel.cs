using Coc.Core.Ingest;

namespace Coc.Simulator.Feeds;

/// <summary>
/// PM2.5 at the ISPU stations, µg/m³: a morning peak under the night inversion and the traffic,
/// a cleaner afternoon, rain washing the air, and now and then a haze episode from peat fires,
/// more likely in the dry season.
/// </summary>
internal sealed class AirModel
{
    private const double WashoutHours = 4;

    private static readonly Dictionary<string, double> BaseLevel = new(StringComparer.Ordinal)
    {
        ["ispu-telanaipura"] = 22,
        ["ispu-kota-baru"] = 26,
        ["ispu-jambi-timur"] = 31,
    };

    private readonly Random _random;
    private readonly Drift _regional;
    private readonly List<Station> _stations = [];
    private double _recentRain;
    private Haze? _haze;
    private DateTimeOffset _time;

    public AirModel(IReadOnlyList<Device> stations, int seed)
    {
        _random = new Random(SeedMix.Derive(seed, "air"));
        _regional = new Drift(_random, 0.15, TimeSpan.FromDays(2));
        foreach (var device in stations)
        {
            var level = BaseLevel.GetValueOrDefault(device.BaseId, 26) * (device.Copy > 1 ? Math.Exp(0.1 * _random.NextGaussian()) : 1);
            _stations.Add(new Station(device.Id, level, 0.9 + 0.2 * _random.NextDouble(), new Drift(_random, 0.18, TimeSpan.FromHours(10))));
        }
    }

    /// <summary>Haze episodes start per day: rare in the wet season, a real risk at the height of the dry season.</summary>
    public static double HazeEpisodesPerDay(DateTimeOffset time) => 0.005 + 0.06 * Math.Max(0, -DailyRhythm.Wetness(time));

    public static double Diurnal(DateTimeOffset time)
    {
        var h = DailyRhythm.HourOfDay(time);
        return 1 + 0.75 * DailyRhythm.Bump(h, 7.5, 1.5) + 0.35 * DailyRhythm.Bump(h, 20, 2) - 0.3 * DailyRhythm.Bump(h, 14, 2.5);
    }

    public void Step(StepContext step)
    {
        var keep = Math.Exp(-step.Seconds / 3600 / WashoutHours);
        _recentRain = step.RainMmPerHour + (_recentRain - step.RainMmPerHour) * keep;
        _regional.Step(step.Seconds);
        foreach (var station in _stations)
        {
            station.Local.Step(step.Seconds);
        }
        if (_haze is { } haze && step.Time > haze.Start + haze.Duration)
        {
            _haze = null;
        }
        if (_haze is null && _random.NextDouble() < 1 - Math.Exp(-HazeEpisodesPerDay(step.Time) * step.Seconds / 86400))
        {
            _haze = new Haze(step.Time, TimeSpan.FromHours(Math.Clamp(_random.NextLogNormal(30, 0.5), 12, 96)),
                Math.Clamp(_random.NextLogNormal(70, 0.5), 25, 250));
        }
        _time = step.Time;
    }

    public void Emit(long timestampMs, List<SimMessage> output)
    {
        var diurnal = Diurnal(_time);
        var washout = 1 / (1 + 0.1 * _recentRain);
        var haze = _haze?.LevelAt(_time) ?? 0;
        foreach (var station in _stations)
        {
            var value = station.BaseLevel * diurnal * Math.Exp(_regional.Value + station.Local.Value) * washout + haze * station.HazeShare;
            value = value * (1 + 0.05 * _random.NextGaussian()) + _random.NextGaussian();
            output.Add(new SimMessage(MqttTopicContract.SensorTopic(JambiFeeds.Pm25Kind, station.Id),
                PayloadWriter.Value(timestampMs, Math.Round(Math.Max(2, value), 1))));
        }
    }

    private sealed record Station(string Id, double BaseLevel, double HazeShare, Drift Local);

    private sealed record Haze(DateTimeOffset Start, TimeSpan Duration, double Peak)
    {
        private static readonly TimeSpan Ramp = TimeSpan.FromHours(8);

        public double LevelAt(DateTimeOffset time)
        {
            var inTo = (time - Start) / Ramp;
            var outOf = (Start + Duration - time) / Ramp;
            return Peak * Math.Clamp(Math.Min(inTo, outOf), 0, 1);
        }
    }
}
