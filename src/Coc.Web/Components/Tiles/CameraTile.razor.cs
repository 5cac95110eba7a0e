using System.Globalization;
using Coc.Core.Layouts;
using Coc.Web.Localization;
using Microsoft.AspNetCore.Components;
using static Coc.Web.Localization.UiText;

namespace Coc.Web.Components.Tiles;

/// <summary>
/// A camera picture from an operator-set http(s) URL. With <c>refreshSeconds</c> &gt; 0 the snapshot is
/// fetched again on that period with a cache-busting parameter; with 0 the URL is an MJPEG stream, set
/// once. A failed load shows "KAMERA TIDAK TERSEDIA" in the stale look and keeps retrying. The reloads
/// ride on the circuit's one-second <see cref="ScreenTicker"/>, so there is no timer of its own to leak.
/// </summary>
public partial class CameraTile : TickedTileBase
{
    /// <summary>An MJPEG stream has no period of its own: after a failure, reconnect this often.</summary>
    public static readonly TimeSpan StreamRetry = TimeSpan.FromSeconds(10);

    /// <summary>The query parameter that makes each snapshot URL new to caches and proxies.</summary>
    public const string CacheBuster = "_coc";

    private TileDefinition? _for;
    private Uri? _url;
    private string? _src;
    private DateTimeOffset _requestedAt;
    private DateTimeOffset _since;
    private DateTimeOffset? _lastGood;
    private bool _loaded;
    private bool _failed;

    private bool IsStream => Tile.RefreshSeconds <= 0;

    private TimeSpan Period => IsStream ? StreamRetry : TimeSpan.FromSeconds(Tile.RefreshSeconds);

    /// <summary>A snapshot is as old as its period between good loads: stale only past the longer of staleAfter and two periods.</summary>
    private TimeSpan StaleAfter => IsStream ? Tile.StaleAfter : TimeSpan.FromTicks(Math.Max(Tile.StaleAfter.Ticks, 2 * Period.Ticks));

    private bool Stale
    {
        get
        {
            if (_url is null || _failed)
            {
                return true;
            }
            var now = Clock.UtcNow;
            return IsStream ? !_loaded && now - _since > StaleAfter : now - (_lastGood ?? _since) > StaleAfter;
        }
    }

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(_for, Tile))
        {
            return;
        }
        _for = Tile;
        _url = SafeUrl(Tile.Url);
        _since = Clock.UtcNow;
        _lastGood = null;
        _loaded = _failed = false;
        _src = null;
        if (_url is not null)
        {
            Request(bust: !IsStream);
        }
    }

    /// <summary>
    /// The layout validator already refuses other schemes; this is the last gate before the browser,
    /// so a javascript:, data: or file: URL can never reach an src attribute whatever loaded the layout.
    /// </summary>
    public static Uri? SafeUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0
            ? uri
            : null;

    /// <summary>The URL with <c>_coc=&lt;ms&gt;</c> added to its query (before any fragment).</summary>
    public static string WithCacheBuster(Uri url, DateTimeOffset now)
    {
        var text = url.AbsoluteUri;
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        var (head, fragment) = hash < 0 ? (text, "") : (text[..hash], text[hash..]);
        var separator = head.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return head + separator + CacheBuster + "=" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + fragment;
    }

    private void Request(bool bust)
    {
        _requestedAt = Clock.UtcNow;
        _src = bust ? WithCacheBuster(_url!, _requestedAt) : _url!.AbsoluteUri;
    }

    protected override void OnSecond()
    {
        // Snapshots reload every period; a stream only after it failed, as a fresh connection.
        if (_url is not null && (!IsStream || _failed) && Clock.UtcNow - _requestedAt >= Period)
        {
            Request(bust: true);
        }
        StateHasChanged();
    }

    private void OnLoaded()
    {
        _loaded = true;
        _failed = false;
        _lastGood = Clock.UtcNow;
    }

    private void OnFailed()
    {
        // A stream was showing live pictures until this moment: that is its last good frame.
        if (IsStream && _loaded && !_failed)
        {
            _lastGood = Clock.UtcNow;
        }
        _loaded = false;
        _failed = true;
    }

    private string AgeText()
    {
        if (IsStream && _loaded && !_failed)
        {
            return T("camera.live");
        }
        return _lastGood is { } good ? T("camera.last-frame", Age(Clock.UtcNow - good)) : T("no-data");
    }
}
