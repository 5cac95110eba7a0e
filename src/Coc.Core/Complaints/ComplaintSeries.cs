using Coc.Core.Series;

namespace Coc.Core.Complaints;

/// <summary>
/// The aggregate series of the complaint feeds, as wall layouts address them:
/// <c>complaints_total,source=S</c> fields <c>open</c>, <c>new</c>, <c>in_progress</c>, <c>today</c>,
/// <c>resolved_today</c>, <c>rejected_today</c>, <c>mttr_hours</c>, <c>overdue_24h</c>, <c>overdue_48h</c>, <c>overdue_72h</c>;
/// <c>complaints_open,source=S,category=C#count</c> and <c>complaints_open,source=S,district=D#count</c>.
/// </summary>
public static class ComplaintSeries
{
    public const string TotalMeasurement = "complaints_total";
    public const string OpenMeasurement = "complaints_open";

    public const string SourceTag = "source";
    public const string CategoryTag = "category";
    public const string DistrictTag = "district";

    /// <summary>Open backlog: new plus in_progress.</summary>
    public const string Open = "open";
    public const string New = "new";
    public const string InProgress = "in_progress";

    /// <summary>Complaints whose "new" event is stamped in the current WIB day.</summary>
    public const string Today = "today";
    public const string ResolvedToday = "resolved_today";
    public const string RejectedToday = "rejected_today";

    /// <summary>Mean hours from "new" to "resolved" over complaints resolved today (WIB); absent until one is.</summary>
    public const string MttrHours = "mttr_hours";

    /// <summary>
    /// Open complaints (new or in_progress) opened more than 24, 48 and 72 hours ago: SiKesal's handling targets.
    /// Time passing alone raises them, so they are right only as often as the aggregates are re-published.
    /// </summary>
    public const string Overdue24h = "overdue_24h";
    public const string Overdue48h = "overdue_48h";
    public const string Overdue72h = "overdue_72h";

    /// <summary>The handling targets behind the overdue fields, with their field names.</summary>
    public static readonly IReadOnlyList<(string Field, TimeSpan Target)> OverdueTargets =
    [
        (Overdue24h, TimeSpan.FromHours(24)),
        (Overdue48h, TimeSpan.FromHours(48)),
        (Overdue72h, TimeSpan.FromHours(72)),
    ];

    /// <summary>Field of the <see cref="OpenMeasurement"/> series.</summary>
    public const string Count = "count";

    public static SeriesKey Total(string source, string field) => SeriesKey.Create(TotalMeasurement, field, (SourceTag, source));

    public static SeriesKey OpenByCategory(string source, string category) =>
        SeriesKey.Create(OpenMeasurement, Count, (SourceTag, source), (CategoryTag, category));

    public static SeriesKey OpenByDistrict(string source, string district) =>
        SeriesKey.Create(OpenMeasurement, Count, (SourceTag, source), (DistrictTag, district));
}
