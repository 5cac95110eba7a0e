using Coc.Simulator.Feeds;

namespace Coc.Simulator;

/// <summary>
/// The simulated city: ATCS intersections, river gauges, rain gauges, PM2.5 stations and complaint
/// events, all driven by one clock and one seed. Pure: no I/O, no timers; each <see cref="Tick"/>
/// advances the simulation to the clock's "now" and returns what the devices would send.
/// The same seed and the same sequence of clock readings give byte-identical messages.
/// Not thread-safe: one caller ticks it (the runner's publish loop).
/// </summary>
public sealed class JambiFeedModel
{
    /// <summary>
    /// Simulated history before the first tick, so backlogs, river stores and drifts start in a
    /// lived-in state instead of at zero (slow complaints take days to reach their steady backlog).
    /// </summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromDays(7);

    private static readonly TimeSpan FineStep = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan CoarseStep = TimeSpan.FromMinutes(10);

    private readonly TimeProvider _timeProvider;
    private readonly AtcsModel _atcs;
    private readonly RainModel _rain;
    private readonly EtleModel _etle;
    private readonly RiverModel _river;
    private readonly AirModel _air;
    private readonly ComplaintModel _complaints;
    private DateTimeOffset? _simulatedUntil;

    /// <param name="devices">Copies of each ATCS intersection and sensor (ids suffixed -2, -3…); complaint sources are not copied.</param>
    public JambiFeedModel(TimeProvider timeProvider, int seed, int devices = 1)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(devices, 1);
        _timeProvider = timeProvider;
        Seed = seed;
        Devices = devices;
        _atcs = new AtcsModel(Device.Expand(JambiFeeds.AtcsIntersections, devices), seed);
        _rain = new RainModel(Device.Expand(JambiFeeds.RainfallGauges, devices), seed);
        _river = new RiverModel(Device.Expand(JambiFeeds.WaterLevelGauges, devices), seed);
        _air = new AirModel(Device.Expand(JambiFeeds.Pm25Stations, devices), seed);
        _complaints = new ComplaintModel(JambiFeeds.ComplaintSources, seed);
        _etle = new EtleModel(Device.Expand(JambiFeeds.EtleCameras, devices), seed);
        MessagesPerTick = devices * (JambiFeeds.AtcsIntersections.Count + JambiFeeds.RainfallGauges.Count
                + JambiFeeds.WaterLevelGauges.Count + JambiFeeds.Pm25Stations.Count + JambiFeeds.EtleCameras.Count * EtleModel.MessagesPerCamera)
            + JambiFeeds.ComplaintSources.Count;
    }

    public int Seed { get; }

    public int Devices { get; }

    /// <summary>
    /// How many messages a <see cref="Tick"/> returns: one per device, plus one per complaint source
    /// that had events (the first tick's replay of the warm-up may take several per source).
    /// </summary>
    public int MessagesPerTick { get; }

    /// <summary>
    /// Advances the simulation to now and returns every device's message for this instant, all
    /// stamped with now (epoch ms), and the complaint events since the last tick, each stamped with its own time. Returns a materialised list: enumerating twice must not advance twice.
    /// </summary>
    public IReadOnlyList<SimMessage> Tick()
    {
        var now = _timeProvider.GetUtcNow();
        AdvanceTo(now);
        var timestampMs = now.ToUnixTimeMilliseconds();
        var messages = new List<SimMessage>(MessagesPerTick);
        _atcs.Emit(timestampMs, messages);
        _river.Emit(timestampMs, messages);
        _rain.Emit(timestampMs, messages);
        _air.Emit(timestampMs, messages);
        _etle.Emit(timestampMs, messages);
        _complaints.Emit(now, messages);
        return messages;
    }

    private void AdvanceTo(DateTimeOffset now)
    {
        if (_simulatedUntil is { } until && now <= until)
        {
            // The clock stood still or stepped back: emit the current state again, move nothing.
            return;
        }
        var from = _simulatedUntil ?? now - WarmUp;
        if (now - from > WarmUp)
        {
            // After a long pause (a suspended laptop) replaying weeks minute by minute helps no one.
            from = now - WarmUp;
        }
        var stepSize = now - from > TimeSpan.FromHours(1) ? CoarseStep : FineStep;
        var t = from;
        while (t < now)
        {
            var next = now - t > stepSize ? t + stepSize : now;
            var seconds = (next - t).TotalSeconds;
            t = next;
            StepAll(new StepContext(t, seconds, _rain.MeanIntensity));
        }
        _simulatedUntil = now;
    }

    private void StepAll(StepContext step)
    {
        // Rain first: traffic, river, air and complaints react to the rain of this step.
        _rain.Step(step);
        step = step with { RainMmPerHour = _rain.MeanIntensity };
        _atcs.Step(step);
        _river.Step(step);
        _air.Step(step);
        _etle.Step(step);
        _complaints.Step(step);
    }
}
