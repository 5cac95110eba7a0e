using Coc.Core.Complaints;
using Coc.Core.Ingest;
using Coc.Core.Series;
using Coc.Ingest.Complaints;
using Coc.Ingest.Tests.Support;
using Coc.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Tests.Complaints;

public class ComplaintIngestTests
{
    private static string Ts(TimeSpan ago) => (DateTimeOffset.UtcNow - ago).ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    private static double? Live(IngestHost app, SeriesKey key) => app.Live.Get(key)?.Latest?.Value;

    [Fact]
    public async Task Publish_ComplaintEvents_AggregatesReachLiveStateAndStore()
    {
        await using var app = await IngestHost.StartAsync();
        await using var device = await TestPublisher.ConnectAsync(app.Port);

        await device.PublishAsync("coc/complaints/sikesal", $$"""
            [{"id": "sk-1", "ts": "{{Ts(TimeSpan.FromMinutes(30))}}", "status": "new", "category": "banjir", "district": "pelayangan"},
             {"id": "sk-2", "ts": "{{Ts(TimeSpan.FromMinutes(20))}}", "status": "new", "category": "sampah", "district": "jelutung"},
             {"id": "sk-3", "ts": "{{Ts(TimeSpan.FromMinutes(10))}}", "status": "new", "category": "banjir", "district": "jelutung"}]
            """);
        await device.PublishAsync("coc/complaints/sikesal",
            $$"""{"id": "sk-2", "ts": "{{Ts(TimeSpan.FromMinutes(5))}}", "status": "resolved", "category": "sampah", "district": "jelutung"}""");
        await device.PublishAsync("coc/complaints/cc112",
            $$"""{"id": "112-9", "ts": "{{Ts(TimeSpan.FromMinutes(1))}}", "status": "in_progress", "category": "keamanan", "district": "kota-baru"}""");

        // The aggregates of one event land in the live state one sample at a time: wait for the last of them too.
        await Eventually.TrueAsync(
            () => Live(app, ComplaintSeries.Total("sikesal", ComplaintSeries.ResolvedToday)) == 1
                && Live(app, ComplaintSeries.OpenByDistrict("sikesal", "jelutung")) == 1
                && Live(app, ComplaintSeries.OpenByCategory("sikesal", "sampah")) == 0
                && Live(app, ComplaintSeries.Total("sikesal", ComplaintSeries.Open)) == 2,
            "sikesal's aggregates after the resolution reach the live state");
        Assert.Equal(2, Live(app, ComplaintSeries.Total("sikesal", ComplaintSeries.Open)));
        Assert.Equal(2, Live(app, ComplaintSeries.OpenByCategory("sikesal", "banjir")));
        Assert.Equal(0, Live(app, ComplaintSeries.OpenByCategory("sikesal", "sampah")));
        Assert.Equal(1, Live(app, ComplaintSeries.OpenByDistrict("sikesal", "jelutung")));
        Assert.InRange(Live(app, ComplaintSeries.Total("sikesal", ComplaintSeries.MttrHours)) ?? -1, 0.24, 0.26);
        await Eventually.TrueAsync(() => Live(app, ComplaintSeries.Total("cc112", ComplaintSeries.InProgress)) == 1, "cc112 in progress reaches live state");
        await app.Store.WaitUntilAsync(
            store => store.Written.Any(s => s.Series.Equals(ComplaintSeries.Total("sikesal", ComplaintSeries.Open)) && s.Value == 2),
            "the aggregate is stored like any series");
        Assert.Empty(app.Stats.For(MqttTopicContract.ComplaintsFeed).RejectedByReason);
    }

    [Fact]
    public async Task Publish_BadAndDuplicateEvents_RefusedWithReasonsWhileGoodOnesFlow()
    {
        await using var app = await IngestHost.StartAsync();
        await using var device = await TestPublisher.ConnectAsync(app.Port);
        var aggregator = app.Services.GetRequiredService<ComplaintAggregator>();

        await device.PublishAsync("coc/complaints/sikesal", $$"""
            [{"id": "a", "ts": "{{Ts(TimeSpan.FromMinutes(3))}}", "status": "new", "category": "sampah", "district": "jelutung"},
             {"id": "b", "ts": "{{Ts(TimeSpan.FromMinutes(3))}}", "status": "done", "category": "sampah", "district": "jelutung"},
             {"id": "c", "ts": "{{Ts(TimeSpan.FromMinutes(3))}}", "status": "new", "category": "sampah"},
             {"id": "a", "ts": "{{Ts(TimeSpan.FromMinutes(3))}}", "status": "new", "category": "sampah", "district": "jelutung"}]
            """);
        await device.PublishAsync("coc/complaints/whatsapp",
            $$"""{"id": "w", "ts": "{{Ts(TimeSpan.Zero)}}", "status": "new", "category": "sampah", "district": "jelutung"}""");

        var feed = app.Stats.For(MqttTopicContract.ComplaintsFeed);
        await Eventually.TrueAsync(() => feed.RejectedTotal == 3, "three refusals counted under feed complaints");
        Assert.Equal(
            new Dictionary<string, long> { [RejectReason.MissingField] = 1, [RejectReason.UnknownSource] = 1, [RejectReason.UnknownStatus] = 1 },
            feed.RejectedByReason.OrderBy(r => r.Key).ToDictionary());
        Assert.Contains(app.Stats.RecentRejections, r => r.Detail.Contains("\"district\" is missing", StringComparison.Ordinal));
        await Eventually.TrueAsync(() => Live(app, ComplaintSeries.Total("sikesal", ComplaintSeries.Open)) == 1, "the good event is aggregated");
        Assert.Equal(1, aggregator.Duplicates);
        Assert.Equal(1, aggregator.EventsApplied);
    }

    [Fact]
    public async Task Publish_OneEvent_EverySourceRepublishedPeriodically()
    {
        await using var app = await IngestHost.StartAsync(extra: new Dictionary<string, string?> { ["Coc:Complaints:RefreshIntervalSeconds"] = "1" });
        await using var device = await TestPublisher.ConnectAsync(app.Port);
        Assert.DoesNotContain(app.Live.Keys, k => k.Measurement == ComplaintSeries.TotalMeasurement);

        await device.PublishAsync("coc/complaints/sikesal",
            $$"""{"id": "a", "ts": "{{Ts(TimeSpan.FromMinutes(1))}}", "status": "new", "category": "sampah", "district": "jelutung"}""");

        // cc112 had no event: only the refresh publishes its zeros.
        await Eventually.TrueAsync(() => Live(app, ComplaintSeries.Total("cc112", ComplaintSeries.Open)) == 0, "the refresher publishes every source");
        var first = app.Live.Get(ComplaintSeries.Total("sikesal", ComplaintSeries.Open))!.Latest!.Value.Timestamp;
        await Eventually.TrueAsync(() => app.Live.Get(ComplaintSeries.Total("sikesal", ComplaintSeries.Open))!.Latest!.Value.Timestamp > first,
            "the unchanged aggregate is republished");
        Assert.Equal(1, Live(app, ComplaintSeries.Total("sikesal", ComplaintSeries.Open)));
    }

    [Fact]
    public void Validator_OutOfRange_Fails()
    {
        var result = new ComplaintOptionsValidator().Validate(null, new ComplaintOptions { MaxTrackedComplaints = 0, RetainClosedHours = 0, RefreshIntervalSeconds = 0 });

        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
        Assert.True(new ComplaintOptionsValidator().Validate(null, new ComplaintOptions()).Succeeded);
    }

    [Fact]
    public async Task Start_OptionsFromConfiguration_AppliedToTheAggregator()
    {
        await using var app = await IngestHost.StartAsync(extra: new Dictionary<string, string?> { ["Coc:Complaints:MaxTrackedComplaints"] = "5" });

        Assert.Equal(5, app.Services.GetRequiredService<IOptions<ComplaintOptions>>().Value.MaxTrackedComplaints);
    }
}
