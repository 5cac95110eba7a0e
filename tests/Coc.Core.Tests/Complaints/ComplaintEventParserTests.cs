using System.Buffers;
using Coc.Core.Complaints;
using Coc.Core.Ingest;

namespace Coc.Core.Tests.Complaints;

public class ComplaintEventParserTests
{
    private const string Topic = "coc/complaints/sikesal";
    private static readonly DateTimeOffset ReceivedAt = new(2026, 3, 10, 5, 0, 0, TimeSpan.Zero);

    private const string Good = """{"id": "sk-1", "ts": "2026-03-10T11:30:00+07:00", "status": "new", "category": "sampah", "district": "telanaipura"}""";

    [Fact]
    public void Parse_OneObject_OneEvent()
    {
        var batch = ComplaintEventParser.Parse(Topic, Good, ReceivedAt);

        Assert.Empty(batch.Result.Rejections);
        Assert.Equal(MqttTopicContract.ComplaintsFeed, batch.Result.Feed);
        var e = Assert.Single(batch.Events);
        Assert.Equal(new ComplaintEvent("sikesal", "sk-1", new DateTimeOffset(2026, 3, 10, 4, 30, 0, TimeSpan.Zero), ComplaintStatus.New, "sampah", "telanaipura"), e);
        Assert.Equal(TimeSpan.Zero, e.Timestamp.Offset);
    }

    [Fact]
    public void Parse_ArrayWithEpochMsAndNumericId_AllStatuses()
    {
        var ms = ReceivedAt.AddMinutes(-5).ToUnixTimeMilliseconds();
        var batch = ComplaintEventParser.Parse("coc/complaints/cc112", $$"""
            [{"id": 42, "ts": {{ms}}, "status": "new", "category": "keamanan", "district": "jelutung"},
             {"id": "42", "ts": {{ms}}, "status": "in_progress", "category": "keamanan", "district": "jelutung"},
             {"id": "43", "ts": {{ms}}, "status": "resolved", "category": "air_bersih", "district": "kota-baru"},
             {"id": "44", "ts": {{ms}}, "status": "rejected", "category": "lainnya", "district": "kota-baru"}]
            """, ReceivedAt);

        Assert.Empty(batch.Result.Rejections);
        Assert.Equal([ComplaintStatus.New, ComplaintStatus.InProgress, ComplaintStatus.Resolved, ComplaintStatus.Rejected], batch.Events.Select(e => e.Status));
        Assert.All(batch.Events, e => Assert.Equal("cc112", e.Source));
        Assert.Equal("42", batch.Events[0].Id);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(ms), batch.Events[0].Timestamp);
    }

    public static TheoryData<string, string, string> BadEvents => new()
    {
        { """{"ts": "2026-03-10T05:00:00Z", "status": "new", "category": "sampah", "district": "jelutung"}""", RejectReason.MissingField, "\"id\" is missing" },
        { """{"id": "", "ts": "2026-03-10T05:00:00Z", "status": "new", "category": "sampah", "district": "jelutung"}""", RejectReason.MissingField, "\"id\" is empty" },
        { """{"id": true, "ts": "2026-03-10T05:00:00Z", "status": "new", "category": "sampah", "district": "jelutung"}""", RejectReason.BadField, "\"id\"" },
        { """{"id": "x", "status": "new", "category": "sampah", "district": "jelutung"}""", RejectReason.MissingField, "\"ts\" is missing" },
        { """{"id": "x", "ts": "yesterday", "status": "new", "category": "sampah", "district": "jelutung"}""", RejectReason.BadTimestamp, "\"ts\"" },
        { """{"id": "x", "ts": 1710000000, "status": "new", "category": "sampah", "district": "jelutung"}""", RejectReason.TimestampOutOfRange, "\"ts\"" },
        { """{"id": "x", "ts": "2030-01-01T00:00:00Z", "status": "new", "category": "sampah", "district": "jelutung"}""", RejectReason.TimestampOutOfRange, "\"ts\"" },
        { """{"id": "x", "ts": "2026-03-10T05:00:00Z", "category": "sampah", "district": "jelutung"}""", RejectReason.MissingField, "\"status\" is missing" },
        { """{"id": "x", "ts": "2026-03-10T05:00:00Z", "status": "closed", "category": "sampah", "district": "jelutung"}""", RejectReason.UnknownStatus, "\"status\" \"closed\"" },
        { """{"id": "x", "ts": "2026-03-10T05:00:00Z", "status": "NEW", "category": "sampah", "district": "jelutung"}""", RejectReason.UnknownStatus, "\"status\"" },
        { """{"id": "x", "ts": "2026-03-10T05:00:00Z", "status": 1, "category": "sampah", "district": "jelutung"}""", RejectReason.UnknownStatus, "\"status\"" },
        { """{"id": "x", "ts": "2026-03-10T05:00:00Z", "status": "new", "district": "jelutung"}""", RejectReason.MissingField, "\"category\" is missing" },
        { """{"id": "x", "ts": "2026-03-10T05:00:00Z", "status": "new", "category": "Jalan Rusak", "district": "jelutung"}""", RejectReason.BadField, "\"category\"" },
        { """{"id": "x", "ts": "2026-03-10T05:00:00Z", "status": "new", "category": "sampah"}""", RejectReason.MissingField, "\"district\" is missing" },
        { """{"id": "x", "ts": "2026-03-10T05:00:00Z", "status": "new", "category": "sampah", "district": ""}""", RejectReason.MissingField, "\"district\" is empty" },
        { """{"id": "x", "ts": "2026-03-10T05:00:00Z", "status": "new", "category": "sampah", "district": 7}""", RejectReason.BadField, "\"district\"" },
        { "\"just text\"", RejectReason.MalformedJson, "expected an object" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public void Parse_BadEventBetweenGoodOnes_RefusedWithReasonNamingTheFieldWhileTheOthersFlow(string bad, string reason, string detail)
    {
        var other = Good.Replace("sk-1", "sk-2", StringComparison.Ordinal);

        var batch = ComplaintEventParser.Parse(Topic, $"[{Good}, {bad}, {other}]", ReceivedAt);

        var rejection = Assert.Single(batch.Result.Rejections);
        Assert.Equal(reason, rejection.Reason);
        Assert.Equal(MqttTopicContract.ComplaintsFeed, rejection.Feed);
        Assert.Contains("event [1]", rejection.Detail, StringComparison.Ordinal);
        Assert.Contains(detail, rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(["sk-1", "sk-2"], batch.Events.Select(e => e.Id));
    }

    [Theory]
    [InlineData("coc/complaints/whatsapp")]
    [InlineData("coc/complaints/sikesal/extra")]
    [InlineData("coc/complaints/SIKESAL")]
    public void Parse_UnknownSource_RefusedAsAWhole(string topic)
    {
        var batch = ComplaintEventParser.Parse(topic, Good, ReceivedAt);

        Assert.Empty(batch.Events);
        Assert.Null(batch.Source);
        Assert.Equal(RejectReason.UnknownSource, Assert.Single(batch.Result.Rejections).Reason);
        Assert.Equal(MqttTopicContract.ComplaintsFeed, batch.Result.Feed);
    }

    [Theory]
    [InlineData("", RejectReason.EmptyPayload)]
    [InlineData("{\"id\":", RejectReason.MalformedJson)]
    [InlineData("12", RejectReason.MalformedJson)]
    [InlineData("[]", RejectReason.NoFields)]
    public void Parse_BadPayload_OneRejection(string payload, string reason)
    {
        var batch = ComplaintEventParser.Parse(Topic, payload, ReceivedAt);

        Assert.Empty(batch.Events);
        Assert.Equal(reason, Assert.Single(batch.Result.Rejections).Reason);
    }

    [Fact]
    public void Parse_InvalidUtf8_RefusedNotThrown()
    {
        var batch = ComplaintEventParser.Parse(Topic, new ReadOnlySequence<byte>([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), ReceivedAt);

        Assert.Equal(RejectReason.MalformedJson, Assert.Single(batch.Result.Rejections).Reason);
    }

    [Fact]
    public void FeedOf_ComplaintTopic_CountedUnderComplaints()
    {
        Assert.Equal(MqttTopicContract.ComplaintsFeed, MqttTopicContract.FeedOf("coc/complaints/sikesal"));
        Assert.True(MqttTopicContract.IsComplaintTopic("coc/complaints/anything"));
        Assert.False(MqttTopicContract.IsComplaintTopic("coc/sensors/complaints_total/sikesal"));
        Assert.Equal("coc/complaints/cc112", MqttTopicContract.ComplaintTopic("cc112"));
    }
}
