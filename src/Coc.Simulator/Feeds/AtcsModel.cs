using Coc.Core.Ingest;

namespace Coc.Simulator.Feeds;

/// <summary>
/// ATCS detectors at signalised intersections: demand follows the daily traffic rhythm, the
/// intersection's capacity turns it into saturation, and queue and speed follow from saturation.
/// </summary>
internal sealed class AtcsModel
{
    private const double NightFlow = 5;   // vehicles per minute in the small hours
    private const double PeakFlow = 60;   // vehicles per minute at the peak of a busy intersection
    private const double QueueResponseSeconds = 120;

    // Relative size of each intersection's traffic and its free-flow speed (km/h).
    private static readonly Dictionary<string, (double Scale, double FreeFlowKmh)> Profiles = new(StringComparer.Ordinal)
    {
        ["simpang-kawat"] = (1.00, 42),
        ["simpang-rimbo"] = (0.92, 48),
        ["simpang-pulai"] = (0.80, 44),
        ["simpang-bi"] = (0.88, 40),
        ["simpang-mayang"] = (0.76, 46),
        ["tugu-keris"] = (0.95, 38),
    };

    private readonly Random _random;
    private readonly List<Intersection> _intersections = [];

    public AtcsModel(IReadOnlyList<Device> devices, int seed)
    {
        _random = new Random(SeedMix.Derive(seed, "atcs"));
        foreach (var device in devices)
        {
            var (scale, freeFlow) = Profiles.GetValueOrDefault(device.BaseId, (0.85, 44));
            if (device.Copy > 1)
            {
                // Clones differ a little so load tests do not send identical series.
                scale *= 1 + 0.1 * _random.NextGaussian();
                freeFlow += 3 * _random.NextGaussian();
            }
            scale = Math.Clamp(scale, 0.5, 1.2);
            _intersections.Add(new Intersection(device.Id, scale, freeFlow, new Drift(_random, 0.08, TimeSpan.FromMinutes(45))));
        }
    }

    public void Step(StepContext step)
    {
        var traffic = DailyRhythm.Traffic(step.Time);
        // Heavy rain slows everyone down and lets fewer vehicles through each green.
        var rainFactor = Math.Min(1, step.RainMmPerHour / 20);
        var queueKeep = Math.Exp(-step.Seconds / QueueResponseSeconds);
        foreach (var x in _intersections)
        {
            x.Demand.Step(step.Seconds);
            var demand = (NightFlow + (PeakFlow - NightFlow) * traffic * x.Scale) * (1 + x.Demand.Value);
            var capacity = (57 * x.Scale + 3) * (1 - 0.15 * rainFactor);
            x.Saturation = Math.Max(0, demand / capacity);
            x.Flow = Math.Min(demand, capacity * 1.02);
            var queueTarget = 8 * x.Saturation + 400 * Math.Pow(Math.Max(0, x.Saturation - 0.5), 1.8);
            x.Queue = queueTarget + (x.Queue - queueTarget) * queueKeep;
            x.RainFactor = rainFactor;
        }
    }

    public void Emit(long timestampMs, List<SimMessage> output)
    {
        foreach (var x in _intersections)
        {
            // A rolling one-minute count reported every second moves little between reports;
            // its noise still grows like the square root of the count.
            var vehicles = Math.Max(0, Math.Round(x.Flow + 0.25 * Math.Sqrt(x.Flow) * _random.NextGaussian()));
            var saturation = Math.Clamp(x.Saturation * (1 + 0.03 * _random.NextGaussian()), 0, 1.2);
            var queue = Math.Max(0, x.Queue * (1 + 0.12 * _random.NextGaussian()));
            var congestion = saturation / 1.2;
            var speed = x.FreeFlowKmh * (1 - 0.7 * congestion * congestion) * (1 - 0.1 * x.RainFactor) + 1.5 * _random.NextGaussian();
            speed = Math.Clamp(speed, 3, x.FreeFlowKmh + 8);
            output.Add(new SimMessage(MqttTopicContract.AtcsTopic(x.Id), PayloadWriter.Fields(timestampMs,
            [
                ("vehicles", vehicles),
                ("queue_m", Math.Round(queue, 1)),
                ("speed_kmh", Math.Round(speed, 1)),
                ("saturation", Math.Round(saturation, 3)),
            ])));
        }
    }

    private sealed class Intersection(string id, double scale, double freeFlowKmh, Drift demand)
    {
        public string Id { get; } = id;
        public double Scale { get; } = scale;
        public double FreeFlowKmh { get; } = freeFlowKmh;
        public Drift Demand { get; } = demand;
        public double Saturation { get; set; }
        public double Flow { get; set; }
        public double Queue { get; set; }
        public double RainFactor { get; set; }
    }
}
