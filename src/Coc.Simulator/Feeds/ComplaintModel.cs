using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Coc.Core.Ingest;

namespace Coc.Simulator.Feeds;

/// <summary>
/// Citizens' complaints (SiKesal) and Call Center 112 reports as the events those systems send on
/// <c>coc/complaints/{source}</c>: each complaint arrives ("new") at a rate that follows the source's
/// daily rhythm, gets a category and a kecamatan, is picked up ("in_progress") and finally "resolved"
/// (or "rejected") after a time typical of its category. Each event carries its own time; Coc builds
/// the backlog and today's counts from them.
/// The first tick replays what the warm-up built (the open backlog and the last two days), so the
/// wall is not empty at start; later ticks send the events of the time that passed.
/// </summary>
internal sealed class ComplaintModel
{
    /// <summary>Events per message: one tick's events go in one array; the warm-up replay is split.</summary>
    public const int MaxEventsPerMessage = 200;

    /// <summary>Complaints closed longer ago than this are not replayed: Coc would forget them at once.</summary>
    public static readonly TimeSpan ReplayClosedWithin = TimeSpan.FromDays(2);

    private static readonly double[] KecamatanPopulation =
    [
        // Thousands of inhabitants, same order as JambiFeeds.Kecamatan.
        110, 45, 12, 65, 75, 60, 80, 105, 12, 13, 50,
    ];

    // Kecamatan along the Batanghari and Danau Sipin that flood first.
    private static readonly HashSet<string> Riverside = new(StringComparer.Ordinal)
    {
        "danau-sipin", "danau-teluk", "pelayangan", "pasar-jambi", "jambi-timur", "telanaipura",
    };

    private static readonly Profile SiKesal = new(
        DailyRate: 55,
        Rhythm: h => 0.08 + DailyRhythm.Bump(h, 9.5, 2.2) + 0.3 * DailyRhythm.Bump(h, 13, 1.5) + 0.7 * DailyRhythm.Bump(h, 19.5, 1.8),
        WeekendFactor: 0.75,
        // jalan-rusak, banjir, sampah, lampu-jalan, kemacetan, air-bersih, keamanan, lainnya
        CategoryWeights: [0.24, 0.08, 0.20, 0.14, 0.10, 0.12, 0.04, 0.08],
        ResolutionScale: 1.0,
        RejectedShare: 0.08,
        FloodReportsPerMmOfRain: 0.4);

    private static readonly Profile CallCenter112 = new(
        DailyRate: 80,
        Rhythm: h => 0.35 + 0.7 * DailyRhythm.Bump(h, 10.5, 2.5) + DailyRhythm.Bump(h, 20.5, 2.5),
        WeekendFactor: 1.1,
        CategoryWeights: [0.05, 0.10, 0.03, 0.04, 0.18, 0.05, 0.35, 0.20],
        ResolutionScale: 0.2,
        // Prank and duplicate calls.
        RejectedShare: 0.15,
        FloodReportsPerMmOfRain: 0.6);

    /// <summary>Median hours to resolve a SiKesal complaint, per category (same order as JambiFeeds.ComplaintCategories).</summary>
    private static readonly double[] MedianResolutionHours = [96, 12, 20, 48, 3, 30, 8, 36];

    private static readonly int BanjirIndex = IndexOf(JambiFeeds.ComplaintCategories, "banjir");

    private readonly Random _random;
    private readonly int _seed;
    private readonly List<Source> _sources = [];
    private readonly double[] _floodKecamatanWeights;
    private string? _runToken;

    public ComplaintModel(IReadOnlyList<string> sources, int seed)
    {
        _seed = seed;
        _random = new Random(SeedMix.Derive(seed, "complaints"));
        _floodKecamatanWeights = new double[KecamatanPopulation.Length];
        for (var i = 0; i < KecamatanPopulation.Length; i++)
        {
            _floodKecamatanWeights[i] = KecamatanPopulation[i] * (Riverside.Contains(JambiFeeds.Kecamatan[i]) ? 4 : 1);
        }
        foreach (var id in sources)
        {
            _sources.Add(new Source(id, id == "cc112" ? CallCenter112 : SiKesal));
        }
    }

    /// <summary>Open complaints of a source now (new or in progress), for tests.</summary>
    public int OpenCount(string source) => _sources.Single(s => s.Id == source).OpenCount;

    public void Step(StepContext step)
    {
        var now = step.Time;
        // Ids must not repeat across runs (Coc deduplicates by id): the first simulated instant names the run.
        _runToken ??= SeedMix.Derive(_seed, "run" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))
            .ToString("x8", CultureInfo.InvariantCulture)[..6];
        var hour = DailyRhythm.HourOfDay(now);
        var weekend = DailyRhythm.IsWeekend(now);
        foreach (var source in _sources)
        {
            source.AdvanceDue(now);

            var profile = source.Profile;
            var perSecond = profile.DailyRate / 86400 * profile.Rhythm(hour) / source.RhythmMean * (weekend ? profile.WeekendFactor : 1);
            var arrivals = _random.NextPoisson(perSecond * step.Seconds);
            for (var i = 0; i < arrivals; i++)
            {
                var category = _random.NextWeighted(profile.CategoryWeights);
                var kecamatan = _random.NextWeighted(category == BanjirIndex ? _floodKecamatanWeights : KecamatanPopulation);
                Open(source, category, kecamatan, step);
            }

            // Flooded streets bring extra reports while it pours, on top of the usual mix.
            var floods = _random.NextPoisson(step.RainMmPerHour * profile.FloodReportsPerMmOfRain * step.Seconds / 3600);
            for (var i = 0; i < floods; i++)
            {
                Open(source, BanjirIndex, _random.NextWeighted(_floodKecamatanWeights), step);
            }
        }
    }

    /// <summary>The events since the last emit, one array per source (split when long); nothing when none happened.</summary>
    public void Emit(DateTimeOffset now, List<SimMessage> output)
    {
        var replayFrom = now - ReplayClosedWithin;
        foreach (var source in _sources)
        {
            var events = source.TakeEvents(replayFrom);
            for (var start = 0; start < events.Count; start += MaxEventsPerMessage)
            {
                var count = Math.Min(MaxEventsPerMessage, events.Count - start);
                output.Add(new SimMessage(MqttTopicContract.ComplaintTopic(source.Id), Write(events.GetRange(start, count))));
            }
        }
    }

    private void Open(Source source, int category, int kecamatan, StepContext step)
    {
        // Arrivals spread over the step, to the millisecond, as a real system stamps them.
        var openedMs = step.Time.ToUnixTimeMilliseconds() - (long)(_random.NextDouble() * step.Seconds * 1000);
        var opened = DateTimeOffset.FromUnixTimeMilliseconds(openedMs);
        var resolution = ResolutionTime(source.Profile, category);
        // Someone picks it up after a fifth to a half of the time it will take.
        var pickedUp = opened + resolution * (0.2 + 0.3 * _random.NextDouble());
        var rejected = _random.NextDouble() < source.Profile.RejectedShare;
        var id = $"{source.Prefix}-{_runToken}-{source.NextSequence():D6}";
        source.Open(new Complaint(id, JambiFeeds.ComplaintCategories[category], JambiFeeds.Kecamatan[kecamatan], opened,
            Ms(pickedUp), Ms(opened + resolution), rejected));
    }

    private static DateTimeOffset Ms(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    private TimeSpan ResolutionTime(Profile profile, int category)
    {
        var hours = _random.NextLogNormal(MedianResolutionHours[category] * profile.ResolutionScale, 0.8);
        return TimeSpan.FromHours(Math.Clamp(hours, 0.1, 24 * 30));
    }

    private static byte[] Write(List<Event> events)
    {
        var buffer = new ArrayBufferWriter<byte>(events.Count * 128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var e in events)
            {
                json.WriteStartObject();
                json.WriteString("id", e.Complaint.Id);
                json.WriteNumber("ts", e.Timestamp.ToUnixTimeMilliseconds());
                json.WriteString("status", e.Status);
                json.WriteString("category", e.Complaint.Category);
                json.WriteString("district", e.Complaint.District);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }
        throw new InvalidOperationException($"'{value}' is not in the list");
    }

    private sealed record Profile(double DailyRate, Func<double, double> Rhythm, double WeekendFactor,
        double[] CategoryWeights, double ResolutionScale, double RejectedShare, double FloodReportsPerMmOfRain);

    private sealed class Complaint(string id, string category, string district, DateTimeOffset opened,
        DateTimeOffset pickedUp, DateTimeOffset closed, bool rejected)
    {
        public string Id { get; } = id;
        public string Category { get; } = category;
        public string District { get; } = district;
        public DateTimeOffset Opened { get; } = opened;
        public DateTimeOffset PickedUp { get; } = pickedUp;
        public DateTimeOffset Closed { get; } = closed;
        public bool Rejected { get; } = rejected;

        /// <summary>Events sent so far: 1 new, 2 in progress, 3 closed.</summary>
        public int Stage { get; set; }

        public DateTimeOffset NextEventAt => Stage == 1 ? PickedUp : Closed;
    }

    private readonly record struct Event(Complaint Complaint, DateTimeOffset Timestamp, string Status);

    private sealed class Source
    {
        private readonly PriorityQueue<Complaint, DateTimeOffset> _open = new();
        private readonly List<Event> _pending = [];
        private int _sequence;

        public Source(string id, Profile profile)
        {
            Id = id;
            Profile = profile;
            Prefix = id == "cc112" ? "cc" : "sk";
            // The rhythm is a shape; dividing by its mean keeps DailyRate the true daily total.
            var sum = 0.0;
            for (var minute = 0; minute < 24 * 60; minute++)
            {
                sum += profile.Rhythm(minute / 60.0);
            }
            RhythmMean = sum / (24 * 60);
        }

        public string Id { get; }
        public string Prefix { get; }
        public Profile Profile { get; }
        public double RhythmMean { get; }
        public int OpenCount => _open.Count;

        public int NextSequence() => ++_sequence;

        public void Open(Complaint complaint)
        {
            complaint.Stage = 1;
            _pending.Add(new Event(complaint, complaint.Opened, "new"));
            _open.Enqueue(complaint, complaint.NextEventAt);
        }

        public void AdvanceDue(DateTimeOffset now)
        {
            while (_open.TryPeek(out var complaint, out var due) && due <= now)
            {
                _open.Dequeue();
                if (complaint.Stage == 1)
                {
                    complaint.Stage = 2;
                    _pending.Add(new Event(complaint, complaint.PickedUp, "in_progress"));
                    _open.Enqueue(complaint, complaint.NextEventAt);
                }
                else
                {
                    complaint.Stage = 3;
                    _pending.Add(new Event(complaint, complaint.Closed, complaint.Rejected ? "rejected" : "resolved"));
                }
            }
        }

        /// <summary>Pending events in time order, without complaints that closed before <paramref name="replayFrom"/>.</summary>
        public List<Event> TakeEvents(DateTimeOffset replayFrom)
        {
            var events = _pending
                .Where(e => !(e.Complaint.Stage == 3 && e.Complaint.Closed < replayFrom))
                .OrderBy(e => e.Timestamp)
                .ToList();
            _pending.Clear();
            return events;
        }
    }
}
