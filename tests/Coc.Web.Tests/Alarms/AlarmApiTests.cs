using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coc.Core.Alarms;
using Coc.Core.Series;
using Coc.Tests.Shared;
using Coc.Web.Security;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Alarms;

/// <summary>The alarm API and CSV export as scripts use them: HTTP Basic accounts, real engine and journal.</summary>
public sealed class AlarmApiTests : IClassFixture<CocAppFactory>
{
    private readonly CocAppFactory _app;

    public AlarmApiTests(CocAppFactory app) => _app = app;

    /// <summary>Raises the shipped Siaga 1 alarm for a gauge only this test uses, and returns it as /api/alarms shows it.</summary>
    private async Task<JsonElement> RaiseAsync(string gauge)
    {
        using var writer = _app.CreateClient();
        using var write = await writer.PostAsync("/write?db=sensors",
            new StringContent($"water_level,sensor={gauge} value=13.9\n", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.NoContent, write.StatusCode);
        var board = _app.Services.GetRequiredService<IAlarmBoard>();
        var series = SeriesKey.Create("water_level", "value", ("sensor", gauge));
        await Eventually.TrueAsync(() => board.Open.Any(a => a.RuleId == "sungai-siaga" && series.Equals(a.Series)), "alarm raised");

        using var operatorClient = _app.CreateBasicClient(CocRoles.Operator);
        var open = await operatorClient.GetFromJsonAsync<JsonElement>("/api/alarms");
        return open.EnumerateArray().Single(a => a.GetProperty("series").GetString() == series.Id && a.GetProperty("rule").GetString() == "sungai-siaga");
    }

    private static string AckPath(JsonElement alarm) => $"/api/alarms/{Uri.EscapeDataString(alarm.GetProperty("id").GetString()!)}/ack";

    [Fact]
    public async Task Ack_AsDutyOfficer_RecordsTheSignedInUserNotTheBody()
    {
        var alarm = await RaiseAsync("api-gauge-1");
        Assert.Equal("critical", alarm.GetProperty("severity").GetString());
        Assert.Equal("ActiveUnacknowledged", alarm.GetProperty("state").GetString());
        using var duty = _app.CreateBasicClient(CocRoles.DutyOfficer);

        using var response = await duty.PostAsJsonAsync(AckPath(alarm),
            new { occurrence = alarm.GetProperty("occurrence").GetInt64(), comment = "tim ke lokasi", by = "orang-lain" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var acked = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ActiveAcknowledged", acked.GetProperty("state").GetString());
        Assert.Equal(CocAppFactory.UserFor(CocRoles.DutyOfficer), acked.GetProperty("acknowledgedBy").GetString());
        Assert.Equal("tim ke lokasi", acked.GetProperty("acknowledgeComment").GetString());

        using var again = await duty.PostAsJsonAsync(AckPath(alarm), new { occurrence = alarm.GetProperty("occurrence").GetInt64() });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Ack_AsOperator_Forbidden()
    {
        var alarm = await RaiseAsync("api-gauge-2");
        using var operatorClient = _app.CreateBasicClient(CocRoles.Operator);

        using var response = await operatorClient.PostAsJsonAsync(AckPath(alarm), new { occurrence = alarm.GetProperty("occurrence").GetInt64() });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(AlarmState.ActiveUnacknowledged, _app.Services.GetRequiredService<IAlarmBoard>().Find(alarm.GetProperty("id").GetString()!)!.State);
    }

    [Fact]
    public async Task Ack_WrongOccurrence_ConflictNamingTheCurrentOne()
    {
        var alarm = await RaiseAsync("api-gauge-3");
        var occurrence = alarm.GetProperty("occurrence").GetInt64();
        using var duty = _app.CreateBasicClient(CocRoles.DutyOfficer);

        using var response = await duty.PostAsJsonAsync(AckPath(alarm), new { occurrence = occurrence - 1 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("", "text/plain", "Content-Type application/json")]
    [InlineData("{not json", "application/json", "not valid JSON")]
    public async Task Ack_BadBody_400SayingWhatIsWrong(string body, string contentType, string expected)
    {
        var alarm = await RaiseAsync("api-gauge-4");
        using var duty = _app.CreateBasicClient(CocRoles.DutyOfficer);

        using var response = await duty.PostAsync(AckPath(alarm), new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ExportCsv_AfterAck_HasRaisedAndAcknowledgedRowsWithWho()
    {
        var alarm = await RaiseAsync("api-gauge-5");
        using var duty = _app.CreateBasicClient(CocRoles.DutyOfficer);
        using var ack = await duty.PostAsJsonAsync(AckPath(alarm), new { occurrence = alarm.GetProperty("occurrence").GetInt64(), comment = "dicek, sensor benar" });
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        using var operatorClient = _app.CreateBasicClient(CocRoles.Operator);

        using var csv = await operatorClient.GetAsync("/alarms/export.csv");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", csv.Content.Headers.ContentDisposition!.ToString());
        var rows = (await csv.Content.ReadAsStringAsync()).Split("\r\n").Where(r => r.Contains("api-gauge-5", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Contains("Raised", rows[0]);
        Assert.Contains("Acknowledged", rows[1]);
        Assert.Contains(CocAppFactory.UserFor(CocRoles.DutyOfficer), rows[1]);
        Assert.Contains("dicek, sensor benar", rows[1]);
    }

    [Fact]
    public async Task History_BadRange_400()
    {
        using var operatorClient = _app.CreateBasicClient(CocRoles.Operator);

        using var response = await operatorClient.GetAsync("/api/alarms/history?from=kemarin");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ISO 8601", await response.Content.ReadAsStringAsync());
    }
}
