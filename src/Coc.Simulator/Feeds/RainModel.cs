using Coc.Core.Ingest;

namespace Coc.Simulator.Feeds;

/// <summary>
/// Rain gauges (ARR): mostly dry, with showers that start more often in the afternoon and in
/// the wet season. A shower passes over the city, so gauges share it with their own share and lag.
/// </summary>
internal sealed class RainModel
{
    private static readonly TimeSpan MaxLag = TimeSpan.FromMinutes(25);

    private readonly Random _random;
    private readonly Device[] _gauges;
    private readonly double[] _intensity;
    private readonly List<Shower> _showers = [];

    public RainModel(IReadOnlyList<Device> gauges, int seed)
    {
        _random = new Random(SeedMix.Derive(seed, "rain"));
        _gauges = [.. gauges];
        _intensity = new double[_gauges.Length];
    }

    /// <summary>Mean rain over the gauges now, mm/h: what the river, the air and the complaints react to.</summary>
    public double MeanIntensity { get; private set; }

    /// <summary>Showers start per hour: afternoon convection, some night rain, scaled by season.</summary>
    public static double ShowersPerHour(DateTimeOffset time)
    {
        var h = DailyRhythm.HourOfDay(time);
        var season = 0.6 + 0.4 * DailyRhythm.Wetness(time);
        return season * (0.012 + 0.16 * DailyRhythm.Bump(h, 15.5, 2.2) + 0.03 * DailyRhythm.Bump(h, 3, 2.5));
    }

    public void Step(StepContext step)
    {
        var startChance = 1 - Math.Exp(-ShowersPerHour(step.Time) * step.Seconds / 3600);
        if (_random.NextDouble() < startChance)
        {
            _showers.Add(NewShower(step.Time));
        }
        _showers.RemoveAll(s => step.Time > s.Start + s.Duration + MaxLag);

        var total = 0.0;
        for (var i = 0; i < _gauges.Length; i++)
        {
            var sum = 0.0;
            foreach (var shower in _showers)
            {
                sum += shower.IntensityAt(i, step.Time);
            }
            _intensity[i] = sum;
            total += sum;
        }
        MeanIntensity = _gauges.Length == 0 ? 0 : total / _gauges.Length;
    }

    public void Emit(long timestampMs, List<SimMessage> output)
    {
        for (var i = 0; i < _gauges.Length; i++)
        {
            var value = _intensity[i] <= 0 ? 0 : Math.Max(0, _intensity[i] * (1 + 0.05 * _random.NextGaussian()));
            // A tipping-bucket gauge reads in 0.1 mm steps: a trace of rain reads 0.
            output.Add(new SimMessage(MqttTopicContract.SensorTopic(JambiFeeds.RainfallKind, _gauges[i].Id),
                PayloadWriter.Value(timestampMs, Math.Round(value, 1))));
        }
    }

    private Shower NewShower(DateTimeOffset start)
    {
        var duration = TimeSpan.FromMinutes(Math.Clamp(_random.NextLogNormal(45, 0.5), 10, 240));
        var peak = Math.Clamp(_random.NextLogNormal(10, 0.7), 1, 90);
        var share = new double[_gauges.Length];
        var lag = new TimeSpan[_gauges.Length];
        for (var i = 0; i < _gauges.Length; i++)
        {
            share[i] = _random.NextDouble() < 0.75 ? _random.NextLogNormal(1, 0.35) : 0;
            lag[i] = MaxLag * _random.NextDouble();
        }
        return new Shower(start, duration, peak, share, lag);
    }

    private sealed record Shower(DateTimeOffset Start, TimeSpan Duration, double Peak, double[] Share, TimeSpan[] Lag)
    {
        public double IntensityAt(int gauge, DateTimeOffset time)
        {
            var x = (time - Start - Lag[gauge]) / Duration;
            return x is <= 0 or >= 1 ? 0 : Peak * Share[gauge] * Math.Pow(Math.Sin(Math.PI * x), 1.5);
        }
    }
}
