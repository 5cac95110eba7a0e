using System.Buffers;
using System.Text.Json;
using Coc.Core.Complaints;
using Coc.Core.Ingest;
using Microsoft.Extensions.Time.Testing;

namespace Coc.Simulator.Tests;

public class JambiFeedModelTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    // Tuesday 10 March 2026, midnight WIB.
    private static readonly DateTimeOffset TuesdayMidnightWib = new(2026, 3, 10, 0, 0, 0, Wib);

    [Fact]
    public void Tick_EveryMessageOverTwoDays_ParsesWithoutRejections()
    {
        var time = new FakeTimeProvider(TuesdayMidnightWib);
        var model = new JambiFeedModel(time, seed: 2026, devices: 2);

        for (var step = 0; step < 2 * 24 * 4; step++)
        {
            var now = time.GetUtcNow();
            foreach (var message in model.Tick())
            {
                if (MqttTopicContract.IsComplaintTopic(message.Topic))
                {
                    var batch = ComplaintEventParser.Parse(message.Topic, new ReadOnlySequence<byte>(message.Payload), now);
                    Assert.True(batch.Result.Rejections.Count == 0, $"{message}: {string.Join("; ", batch.Result.Rejections.Select(r => r.Detail))}");
                    Assert.NotEmpty(batch.Events);
                    continue;
                }
                var result = MqttPayloadParser.Parse(message.Topic, new ReadOnlySequence<byte>(message.Payload), now);
                Assert.True(result.Rejections.Count == 0, $"{message}: {string.Join("; ", result.Rejections.Select(r => r.Detail))}");
                Assert.NotEmpty(result.Samples);
                Assert.All(result.Samples, s => Assert.Equal(now, s.Timestamp));
            }
            time.Advance(TimeSpan.FromMinutes(15));
        }
    }

    [Fact]
    public void Tick_OneRound_HasEveryDeviceOfTheContract()
    {
        var model = new JambiFeedModel(new FakeTimeProvider(TuesdayMidnightWib), seed: 1);

        var messages = model.Tick();

        // The first tick replays the warm-up's complaint events, maybe in several messages per source.
        Assert.Equal(model.MessagesPerTick - JambiFeeds.ComplaintSources.Count, messages.Count(m => !MqttTopicContract.IsComplaintTopic(m.Topic)));
        Assert.Equal(
            JambiFeeds.AtcsIntersections.Select(id => $"coc/atcs/{id}").Order(),
            messages.Select(m => m.Topic).Where(t => t.StartsWith("coc/atcs/", StringComparison.Ordinal)).Order());
        Assert.Equal(
            ["coc/sensors/water_level/pos-angso-duo", "coc/sensors/water_level/pos-tanggo-rajo"],
            messages.Select(m => m.Topic).Where(t => t.Contains("/water_level/", StringComparison.Ordinal)).Order());
        Assert.Equal(
            ["coc/sensors/rainfall/arr-kota-baru", "coc/sensors/rainfall/arr-telanaipura"],
            messages.Select(m => m.Topic).Where(t => t.Contains("/rainfall/", StringComparison.Ordinal)).Order());
        Assert.Equal(
            ["coc/sensors/pm25/ispu-jambi-timur", "coc/sensors/pm25/ispu-kota-baru", "coc/sensors/pm25/ispu-telanaipura"],
            messages.Select(m => m.Topic).Where(t => t.Contains("/pm25/", StringComparison.Ordinal)).Order());
        foreach (var source in new[] { "sikesal", "cc112" })
        {
            Assert.Contains(messages, m => m.Topic == $"coc/complaints/{source}");
        }
    }

    [Fact]
    public void Tick_AtcsAtMorningPeak_BusierAndSlowerThanAtNight()
    {
        var time = new FakeTimeProvider(TuesdayMidnightWib.AddHours(3));
        var model = new JambiFeedModel(time, seed: 2026);

        var night = AtcsFields(model.Tick());
        time.SetUtcNow(TuesdayMidnightWib.AddHours(7.5));
        var peak = AtcsFields(model.Tick());

        Assert.All(night, f => Assert.InRange(f["vehicles"], 0, 20));
        Assert.True(peak.Average(f => f["vehicles"]) > 3 * night.Average(f => f["vehicles"]),
            $"vehicles at 07:30 WIB {peak.Average(f => f["vehicles"]):0.0}, at 03:00 WIB {night.Average(f => f["vehicles"]):0.0}");
        Assert.True(peak.Average(f => f["speed_kmh"]) < night.Average(f => f["speed_kmh"]));
        Assert.True(peak.Average(f => f["queue_m"]) > night.Average(f => f["queue_m"]));
        Assert.True(peak.Average(f => f["saturation"]) > night.Average(f => f["saturation"]));
    }

    [Fact]
    public void Tick_ValuesOverAWeek_StayInPlausibleRanges()
    {
        var time = new FakeTimeProvider(TuesdayMidnightWib);
        var model = new JambiFeedModel(time, seed: 7);

        for (var step = 0; step < 7 * 24 * 6; step++)
        {
            foreach (var message in model.Tick())
            {
                var kind = message.Topic.Split('/')[^2];
                var fields = kind is "complaints" or "etle" ? [] : FieldsOf(message);
                switch (kind)
                {
                    case "atcs":
                        Assert.InRange(fields["vehicles"], 0, 90);
                        Assert.InRange(fields["queue_m"], 0, 400);
                        Assert.InRange(fields["speed_kmh"], 3, 60);
                        Assert.InRange(fields["saturation"], 0, 1.2);
                        break;
                    case "water_level":
                        Assert.InRange(fields["value"], 7.5, 15);
                        break;
                    case "rainfall":
                        Assert.InRange(fields["value"], 0, 150);
                        break;
                    case "pm25":
                        Assert.InRange(fields["value"], 2, 500);
                        break;
                    case "complaints":
                        // Events, not samples: ComplaintEventsTests checks them.
                        break;
                    case "etle":
                        // Today's violations of one type at one camera: a count, within a busy day's reach.
                        using (var json = JsonDocument.Parse(message.Payload))
                        {
                            Assert.InRange(json.RootElement.GetProperty("violations").GetInt32(), 0, 1_000);
                            Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("type").GetString()));
                        }
                        break;
                    default:
                        Assert.All(fields.Values, v => Assert.True(v >= 0, $"{message} has a negative count"));
                        break;
                }
            }
            time.Advance(TimeSpan.FromMinutes(10));
        }
    }

    [Fact]
    public void Tick_SameSeedAndClock_SameMessages()
    {
        var first = Run(seed: 2026);
        var second = Run(seed: 2026);

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i], second[i]);
        }
    }

    [Fact]
    public void Tick_DifferentSeed_DifferentMessages()
    {
        Assert.NotEqual(Run(seed: 2026), Run(seed: 2027));
    }

    [Fact]
    public void Tick_ClockStandsStill_RepeatsStateWithFreshNoiseOnly()
    {
        var time = new FakeTimeProvider(TuesdayMidnightWib.AddHours(12));
        var model = new JambiFeedModel(time, seed: 3);

        var first = model.Tick();
        var again = model.Tick();

        // Complaint events happen in time: without time passing there are none to send again.
        Assert.Contains(first, m => MqttTopicContract.IsComplaintTopic(m.Topic));
        Assert.DoesNotContain(again, m => MqttTopicContract.IsComplaintTopic(m.Topic));
    }

    [Fact]
    public void Tick_ThreeDevices_ClonesIntersectionsAndSensorsButNotComplaintSources()
    {
        var model = new JambiFeedModel(new FakeTimeProvider(TuesdayMidnightWib), seed: 2026, devices: 3);

        var topics = model.Tick().Select(m => m.Topic).ToHashSet();

        Assert.Contains("coc/atcs/simpang-kawat", topics);
        Assert.Contains("coc/atcs/simpang-kawat-2", topics);
        Assert.Contains("coc/atcs/tugu-keris-3", topics);
        Assert.Contains("coc/sensors/water_level/pos-tanggo-rajo-3", topics);
        Assert.Contains("coc/sensors/rainfall/arr-kota-baru-2", topics);
        Assert.Contains("coc/sensors/pm25/ispu-jambi-timur-3", topics);
        Assert.DoesNotContain("coc/atcs/simpang-kawat-4", topics);
        Assert.Contains("coc/complaints/sikesal", topics);
        Assert.DoesNotContain("coc/complaints/sikesal-2", topics);
        Assert.Contains("coc/etle/etle-tugu-keris-3", topics);
        // Per device copy: 6 intersections, 2 river gauges, 2 rain gauges, 3 PM2.5 stations, 3 E-TLE cameras x 4 violation types.
        Assert.Equal(3 * (13 + 12) + 2, model.MessagesPerTick);
    }

    [Fact]
    public void Constructor_ZeroDevices_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JambiFeedModel(TimeProvider.System, 1, devices: 0));
    }

    private static List<SimMessage> Run(int seed)
    {
        var time = new FakeTimeProvider(TuesdayMidnightWib.AddHours(6));
        var model = new JambiFeedModel(time, seed);
        var messages = new List<SimMessage>();
        for (var i = 0; i < 20; i++)
        {
            messages.AddRange(model.Tick());
            time.Advance(i % 2 == 0 ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(7));
        }
        return messages;
    }

    private static List<Dictionary<string, double>> AtcsFields(IEnumerable<SimMessage> messages) =>
        [.. messages.Where(m => m.Topic.StartsWith("coc/atcs/", StringComparison.Ordinal)).Select(FieldsOf)];

    internal static Dictionary<string, double> FieldsOf(SimMessage message)
    {
        using var json = JsonDocument.Parse(message.Payload);
        var root = json.RootElement;
        if (root.TryGetProperty("value", out var value))
        {
            return new() { ["value"] = value.GetDouble() };
        }
        return root.GetProperty("fields").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
    }

    internal static string TagOf(SimMessage message, string tag)
    {
        using var json = JsonDocument.Parse(message.Payload);
        return json.RootElement.GetProperty("tags").GetProperty(tag).GetString()!;
    }

    private static IEnumerable<string> TagsOf(IEnumerable<SimMessage> messages, string topic, string tag) =>
        messages.Where(m => m.Topic == topic).Select(m => TagOf(m, tag));
}
