using System.Text;
using System.Text.Json;
using Coc.Core.Ingest;

namespace Coc.Simulator.Feeds;

/// <summary>
/// E-TLE enforcement cameras: violations of each type arrive at a rate that follows traffic, and
/// each camera reports today's (WIB) count per type, which starts again at WIB midnight.
/// </summary>
internal sealed class EtleModel
{
    /// <summary>Violation types and their share of a busy camera's hourly rate.</summary>
    private static readonly (string Type, double PerHourAtPeak)[] Types =
    [
        ("lampu-merah", 9), ("kecepatan", 5), ("sabuk-pengaman", 7), ("helm", 14),
    ];

    private readonly Random _random;
    private readonly Device[] _cameras;
    private readonly int[,] _today;
    private DateOnly? _day;

    public EtleModel(IReadOnlyList<Device> cameras, int seed)
    {
        _random = new Random(SeedMix.Derive(seed, "etle"));
        _cameras = [.. cameras];
        _today = new int[_cameras.Length, Types.Length];
    }

    public void Step(StepContext step)
    {
        var day = DateOnly.FromDateTime(DailyRhythm.ToWib(step.Time).DateTime);
        if (_day != day)
        {
            _day = day;
            Array.Clear(_today);
        }
        var traffic = DailyRhythm.Traffic(step.Time);
        for (var c = 0; c < _cameras.Length; c++)
        {
            for (var t = 0; t < Types.Length; t++)
            {
                // Poisson arrivals, thinned at night by the traffic rhythm.
                var expected = Types[t].PerHourAtPeak * (0.1 + 0.9 * traffic) * step.Seconds / 3600;
                _today[c, t] += Poisson(expected);
            }
        }
    }

    public void Emit(long timestampMs, List<SimMessage> output)
    {
        for (var c = 0; c < _cameras.Length; c++)
        {
            for (var t = 0; t < Types.Length; t++)
            {
                var payload = JsonSerializer.Serialize(new { ts = timestampMs, violations = _today[c, t], type = Types[t].Type });
                output.Add(new SimMessage(MqttTopicContract.EtleTopic(_cameras[c].Id), Encoding.UTF8.GetBytes(payload)));
            }
        }
    }

    public static int MessagesPerCamera => Types.Length;

    private int Poisson(double mean)
    {
        // Knuth's method: fine for the small means of one simulation step.
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = _random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= _random.NextDouble();
        }
        return k;
    }
}
