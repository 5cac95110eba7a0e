using System.Globalization;
using System.Text;
using Coc.Core.Alarms;
using Coc.Storage.Alarms;
using static Coc.Core.Alarms.AlarmTransitionKind;
using static Coc.Storage.Tests.Alarms.AlarmSamples;

namespace Coc.Storage.Tests.Alarms;

public sealed class AlarmCsvTests
{
    [Fact]
    public async Task WriteAsync_English_HeaderThenOneRowPerTransitionWithWibAndUtcTimes()
    {
        var rows = await WriteAndParseAsync(AlarmCsvLanguage.English, Transition(Raised, T0), Transition(Cleared, T0.AddMinutes(1), state: AlarmState.Closed));

        Assert.Equal(3, rows.Count);
        var row = Row(rows, 1);
        Assert.Equal("2025-06-01T10:04:05.678+07:00", row["time_wib"]);
        Assert.Equal("2025-06-01T03:04:05.678Z", row["time_utc"]);
        Assert.Equal("Raised", row["event"]);
        Assert.Equal("banjir|batanghari", row["alarm_id"]);
        Assert.Equal("banjir", row["rule"]);
        Assert.Equal(River.Id, row["series"]);
        Assert.Equal("Critical", row["severity"]);
        Assert.Equal("ActiveUnacknowledged", row["state_after"]);
        Assert.Equal("Siaga 1", row["level"]);
        Assert.Equal("Closed", Row(rows, 2)["state_after"]);
    }

    [Fact]
    public async Task WriteAsync_Indonesian_HeaderInBahasa()
    {
        var rows = await WriteAndParseAsync(AlarmCsvLanguage.Indonesian, Transition(Raised, T0));

        Assert.Equal(["waktu_wib", "waktu_utc", "peristiwa", "id_alarm"], rows[0].Take(4));
        Assert.Contains("komentar", rows[0]);
        Assert.Equal(rows[0].Length, rows[1].Length);
    }

    [Fact]
    public async Task WriteAsync_FormulaLikeText_PrefixedWithApostropheButNegativeValueIsNot()
    {
        var transition = Transition(Acknowledged, T0, state: AlarmState.ActiveAcknowledged, by: "@admin",
            comment: "+62 811 7400 112", message: "=HYPERLINK(\"http://evil\",\"klik\")", value: -3.5);

        var row = Row(await WriteAndParseAsync(AlarmCsvLanguage.English, transition), 1);

        Assert.Equal("'=HYPERLINK(\"http://evil\",\"klik\")", row["message"]);
        Assert.Equal("'@admin", row["by"]);
        Assert.Equal("'+62 811 7400 112", row["comment"]);
        Assert.Equal("-3.5", row["value"]);
    }

    [Fact]
    public void FormatRow_QuoteCommaNewline_QuotedWithDoubledQuotes()
    {
        var transition = Transition(Acknowledged, T0, by: "sari", comment: "kata \"siaga\", lalu\r\nbaris dua", message: "-a,b");

        var line = AlarmCsv.FormatRow(transition);

        Assert.Contains(",\"kata \"\"siaga\"\", lalu\r\nbaris dua\"\r\n", line, StringComparison.Ordinal);
        Assert.Contains(",\"'-a,b\",", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_IndonesianCulture_ValueUsesInvariantDecimalPoint()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("id-ID");
        try
        {
            var row = Row(await WriteAndParseAsync(AlarmCsvLanguage.English, Transition(Raised, T0, value: 1234.25, feed: "atcs")), 1);

            Assert.Equal("1234.25", row["value"]);
            Assert.Equal("atcs", row["feed"]);
            Assert.Equal("", row["series"]);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static async Task<List<string[]>> WriteAndParseAsync(AlarmCsvLanguage language, params AlarmTransition[] transitions)
    {
        var text = new StringWriter();
        await AlarmCsv.WriteAsync(text, transitions, language, CancellationToken.None);
        return Parse(text.ToString());
    }

    private static Dictionary<string, string> Row(List<string[]> rows, int index) =>
        rows[0].Zip(rows[index]).ToDictionary(p => p.First, p => p.Second);

    /// <summary>A strict RFC 4180 reader: every record ends in CRLF, quotes only around whole fields.</summary>
    private static List<string[]> Parse(string csv)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                Assert.NotEqual('"', c);
                field.Append(c);
            }
        }
        Assert.Empty(fields);
        Assert.Equal(0, field.Length);
        return records;
    }
}
