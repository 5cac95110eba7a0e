using Coc.Core.Ingest;

namespace Coc.Simulator.Feeds;

/// <summary>
/// Citizens' complaints (SiKesal) and Call Center 112 reports as individual simulated events:
/// each arrives at a rate that follows the source's daily rhythm, gets a category and a kecamatan,
/// and is resolved after a time typical of its category. The published counts are aggregates of
/// those events, so they stay consistent: open backlog per category and per kecamatan both add up
/// to the total, and within a WIB day the backlog moves by exactly new minus resolved.
/// </summary>
internal sealed class ComplaintModel
{
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
        FloodReportsPerMmOfRain: 0.4);

    private static readonly Profile CallCenter112 = new(
        DailyRate: 80,
        Rhythm: h => 0.35 + 0.7 * DailyRhythm.Bump(h, 10.5, 2.5) + DailyRhythm.Bump(h, 20.5, 2.5),
        WeekendFactor: 1.1,
        CategoryWeights: [0.05, 0.10, 0.03, 0.04, 0.18, 0.05, 0.35, 0.20],
        ResolutionScale: 0.2,
        FloodReportsPerMmOfRain: 0.6);

    /// <summary>Median hours to resolve a SiKesal complaint, per category (same order as JambiFeeds.ComplaintCategories).</summary>
    private static readonly double[] MedianResolutionHours = [96, 12, 20, 48, 3, 30, 8, 36];

    private static readonly int BanjirIndex = IndexOf(JambiFeeds.ComplaintCategories, "banjir");

    private readonly Random _random;
    private readonly List<Source> _sources = [];
    private readonly double[] _floodKecamatanWeights;

    public ComplaintModel(IReadOnlyList<string> sources, int seed)
    {
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

    public void Step(StepContext step)
    {
        var now = step.Time;
        var hour = DailyRhythm.HourOfDay(now);
        var weekend = DailyRhythm.IsWeekend(now);
        foreach (var source in _sources)
        {
            source.RollDay(now);
            source.ResolveDue(now);

            var profile = source.Profile;
            var perSecond = profile.DailyRate / 86400 * profile.Rhythm(hour) / source.RhythmMean * (weekend ? profile.WeekendFactor : 1);
            var arrivals = _random.NextPoisson(perSecond * step.Seconds);
            for (var i = 0; i < arrivals; i++)
            {
                var category = _random.NextWeighted(profile.CategoryWeights);
                var kecamatan = _random.NextWeighted(category == BanjirIndex ? _floodKecamatanWeights : KecamatanPopulation);
                source.Open(category, kecamatan, now, ResolutionTime(profile, category));
            }

            // Flooded streets bring extra reports while it pours, on top of the usual mix.
            var floods = _random.NextPoisson(step.RainMmPerHour * profile.FloodReportsPerMmOfRain * step.Seconds / 3600);
            for (var i = 0; i < floods; i++)
            {
                source.Open(BanjirIndex, _random.NextWeighted(_floodKecamatanWeights), now, ResolutionTime(profile, BanjirIndex));
            }
        }
    }

    public void Emit(long timestampMs, List<SimMessage> output)
    {
        foreach (var source in _sources)
        {
            output.Add(new SimMessage(MqttTopicContract.SensorTopic(JambiFeeds.ComplaintsTotalKind, source.Id),
                PayloadWriter.Fields(timestampMs, [("open", source.OpenTotal), ("today", source.TodayTotal), ("resolved_today", source.ResolvedToday)])));
            var categoryTopic = MqttTopicContract.SensorTopic(JambiFeeds.ComplaintsCategoryKind, source.Id);
            for (var i = 0; i < JambiFeeds.ComplaintCategories.Count; i++)
            {
                output.Add(new SimMessage(categoryTopic, PayloadWriter.Fields(timestampMs,
                    [("open", source.OpenByCategory[i]), ("today", source.TodayByCategory[i])], "category", JambiFeeds.ComplaintCategories[i])));
            }
            var kecamatanTopic = MqttTopicContract.SensorTopic(JambiFeeds.ComplaintsKecamatanKind, source.Id);
            for (var i = 0; i < JambiFeeds.Kecamatan.Count; i++)
            {
                output.Add(new SimMessage(kecamatanTopic, PayloadWriter.Fields(timestampMs,
                    [("open", source.OpenByKecamatan[i]), ("today", source.TodayByKecamatan[i])], "kecamatan", JambiFeeds.Kecamatan[i])));
            }
        }
    }

    private TimeSpan ResolutionTime(Profile profile, int category)
    {
        var hours = _random.NextLogNormal(MedianResolutionHours[category] * profile.ResolutionScale, 0.8);
        return TimeSpan.FromHours(Math.Clamp(hours, 0.1, 24 * 30));
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
        double[] CategoryWeights, double ResolutionScale, double FloodReportsPerMmOfRain);

    private sealed class Source
    {
        private readonly PriorityQueue<(int Category, int Kecamatan), DateTimeOffset> _open = new();
        private DateOnly _day;

        public Source(string id, Profile profile)
        {
            Id = id;
            Profile = profile;
            // The rhythm is a shape; dividing by its mean keeps DailyRate the true daily total.
            var sum = 0.0;
            for (var minute = 0; minute < 24 * 60; minute++)
            {
                sum += profile.Rhythm(minute / 60.0);
            }
            RhythmMean = sum / (24 * 60);
        }

        public string Id { get; }
        public Profile Profile { get; }
        public double RhythmMean { get; }
        public int[] OpenByCategory { get; } = new int[JambiFeeds.ComplaintCategories.Count];
        public int[] OpenByKecamatan { get; } = new int[JambiFeeds.Kecamatan.Count];
        public int[] TodayByCategory { get; } = new int[JambiFeeds.ComplaintCategories.Count];
        public int[] TodayByKecamatan { get; } = new int[JambiFeeds.Kecamatan.Count];
        public int OpenTotal => _open.Count;
        public int TodayTotal { get; private set; }
        public int ResolvedToday { get; private set; }

        public void RollDay(DateTimeOffset now)
        {
            var day = DateOnly.FromDateTime(DailyRhythm.ToWib(now).DateTime);
            if (day == _day)
            {
                return;
            }
            _day = day;
            Array.Clear(TodayByCategory);
            Array.Clear(TodayByKecamatan);
            TodayTotal = 0;
            ResolvedToday = 0;
        }

        public void ResolveDue(DateTimeOffset now)
        {
            while (_open.TryPeek(out var complaint, out var due) && due <= now)
            {
                _open.Dequeue();
                OpenByCategory[complaint.Category]--;
                OpenByKecamatan[complaint.Kecamatan]--;
                ResolvedToday++;
            }
        }

        public void Open(int category, int kecamatan, DateTimeOffset now, TimeSpan resolution)
        {
            _open.Enqueue((category, kecamatan), now + resolution);
            OpenByCategory[category]++;
            OpenByKecamatan[kecamatan]++;
            TodayByCategory[category]++;
            TodayByKecamatan[kecamatan]++;
            TodayTotal++;
        }
    }
}
