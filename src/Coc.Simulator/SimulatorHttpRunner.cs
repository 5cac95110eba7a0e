using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coc.Simulator;

/// <summary>
/// Plays a <see cref="JambiFeedModel"/> into a Coc URL through its JSON webhooks
/// (<c>POST /api/ingest/{feed}</c>): one round every <see cref="SimulatorOptions.IntervalMs"/>, or a
/// steady stream at <see cref="SimulatorOptions.MessagesPerSecond"/>, each feed's messages batched
/// into one JSON array per request. Unlike MQTT QoS 0, HTTP says what happened to every batch, so a
/// batch Coc could not take yet (429/503, no answer) is resent rather than lost; a refused key stops
/// the run, since no retry can fix it.
/// </summary>
public sealed class SimulatorHttpRunner : ISimulatorOutput
{
    /// <summary>A Retry-After beyond this is cut short: the simulator should show it is alive, and a stop should not hang.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>In load mode a request waits for this much of a second's messages, so low rates still batch.</summary>
    private const double LoadBatchSeconds = 0.2;

    private static readonly TimeSpan RejectionLogInterval = TimeSpan.FromMinutes(1);

    private readonly SimulatorOptions _options;
    private readonly SimulatorHttpOptions _http;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SimMessagePacer _pacer;
    private readonly SimBackoff _backoff;
    private long _published;
    private long _rejected;
    private long _failures;
    private long _requests;
    private long _retries;
    private long _connectFailures;
    private long? _lastRejectionLog;
    private volatile bool _isConnected;
    private bool _inOutage;
    private volatile string? _fatal;
    private int _running;

    public SimulatorHttpRunner(SimulatorOptions options, SimulatorHttpOptions http, TimeProvider? timeProvider = null, ILogger<SimulatorHttpRunner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        SimulatorOptionsValidator.ThrowIfInvalid(options);
        if (SimulatorHttpOptions.CheckUrl(http.Url.OriginalString, out _) is { } urlProblem)
        {
            throw new ArgumentException($"Invalid Coc URL: {urlProblem}", nameof(http));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(http.MaxItemsPerRequest, 1, nameof(http));
        _options = options.Clone();
        _http = http;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<SimulatorHttpRunner>.Instance;
        _backoff = new SimBackoff(_timeProvider);
        // Bounded: at most this many messages are taken from the model per send (a few requests' worth, one per feed).
        var maxPerSend = (int)Math.Min(4L * _http.MaxItemsPerRequest, int.MaxValue);
        var batchTarget = (long)Math.Clamp(_options.MessagesPerSecond * LoadBatchSeconds, 1, maxPerSend);
        // No rest after a send: the request itself took time, and what fell due meanwhile goes next.
        _pacer = new SimMessagePacer(_options, _timeProvider, new LoadBatching(batchTarget, maxPerSend, RestAfterBatch: false));
    }

    public string Target => $"Coc {_http.Url}";

    /// <summary>Items Coc kept.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Items Coc refused as bad input (4xx with problem details).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Items lost to a server error (5xx other than 503).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>POSTs sent, resends included.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Batches resent because Coc answered 429 or 503.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Requests that got no answer (refused connection, timeout); each was resent after a back-off.</summary>
    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    /// <summary>True while Coc answers.</summary>
    public bool IsConnected => _isConnected;

    public string? Fatal => _fatal;

    public string ProblemCounts => $"rejected {Rejected}, failed {Failures}";

    public string Summary =>
        $"sent {Published} items in {Requests} requests, rejected {Rejected}, failed {Failures}, " +
        $"resent after 429/503 {Retries}, requests without answer {ConnectFailures}";

    public string NothingSentHint => _fatal ?? $"nothing was accepted; is Coc listening at {_http.Url}?";

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled or Coc refuses the key (then
    /// <see cref="Fatal"/> says why), and returns normally either way. One run at a time.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("The simulator runner is already running.");
        }
        _fatal = null;
        using var sender = new HttpFeedSender(_http, _timeProvider);
        try
        {
            await foreach (var messages in _pacer.DueAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!await DeliverAllAsync(sender, messages, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
        finally
        {
            _isConnected = false;
            SimulatorLog.HttpStopped(_logger, Published, Rejected, Failures);
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>Sends the messages as per-feed batches; false when the run must stop.</summary>
    private async Task<bool> DeliverAllAsync(HttpFeedSender sender, IReadOnlyList<SimMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var batch in HttpFeedBatches.Build(messages, _http.MaxItemsPerRequest))
        {
            if (!await DeliverAsync(sender, batch, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Sends one batch until Coc has answered it for good; false when the key was refused.</summary>
    private async Task<bool> DeliverAsync(HttpFeedSender sender, HttpFeedBatch batch, CancellationToken cancellationToken)
    {
        _backoff.Reset();
        while (true)
        {
            Interlocked.Increment(ref _requests);
            var outcome = await sender.SendAsync(batch, cancellationToken).ConfigureAwait(false);
            if (outcome.Kind != HttpSendKind.Unreachable)
            {
                MarkReachable();
            }
            switch (outcome.Kind)
            {
                case HttpSendKind.Answered:
                    Interlocked.Add(ref _published, batch.Items - outcome.Rejected);
                    if (outcome.Rejected > 0)
                    {
                        Interlocked.Add(ref _rejected, outcome.Rejected);
                        LogRefusal(batch, outcome);
                    }
                    return true;
                case HttpSendKind.ServerError:
                    Interlocked.Add(ref _failures, batch.Items);
                    LogRefusal(batch, outcome);
                    return true;
                case HttpSendKind.Unauthorized:
                    _fatal = string.IsNullOrEmpty(_http.ApiKey)
                        ? $"Coc refused the request without a key ({outcome.Detail}); pass the feed key with --api-key"
                        : $"Coc refused the key given with --api-key ({outcome.Detail}); check the key and that it may write to feed '{batch.Feed}'";
                    SimulatorLog.HttpKeyRefused(_logger, _http.Url, _fatal);
                    return false;
                case HttpSendKind.RetryLater:
                    Interlocked.Increment(ref _retries);
                    // At least the first back-off: a Retry-After of 0 must not become a hot loop.
                    var wait = outcome.RetryAfter < SimBackoff.First ? SimBackoff.First : outcome.RetryAfter > MaxRetryAfter ? MaxRetryAfter : outcome.RetryAfter;
                    SimulatorLog.HttpRetryLater(_logger, batch.Feed, outcome.Status, wait.TotalSeconds);
                    await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    // One warning per outage; the retries are detail.
                    var firstOfOutage = !_inOutage;
                    _isConnected = false;
                    _inOutage = true;
                    Interlocked.Increment(ref _connectFailures);
                    if (firstOfOutage)
                    {
                        SimulatorLog.HttpUnreachable(_logger, _http.Url, outcome.Detail ?? "no answer");
                    }
                    else
                    {
                        SimulatorLog.HttpStillUnreachable(_logger, _http.Url, outcome.Detail ?? "no answer");
                    }
                    await _backoff.WaitAsync(cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private void MarkReachable()
    {
        if (!_isConnected)
        {
            SimulatorLog.HttpReached(_logger, _http.Url);
        }
        _isConnected = true;
        _inOutage = false;
    }

    /// <summary>The first refusal per minute at Warning with Coc's own detail; the counts carry the rest.</summary>
    private void LogRefusal(HttpFeedBatch batch, HttpSendOutcome outcome)
    {
        var now = _timeProvider.GetTimestamp();
        if (_lastRejectionLog is { } last && _timeProvider.GetElapsedTime(last, now) < RejectionLogInterval)
        {
            return;
        }
        _lastRejectionLog = now;
        SimulatorLog.HttpRefused(_logger, batch.Feed, outcome.Kind == HttpSendKind.ServerError ? batch.Items : outcome.Rejected, batch.Items, outcome.Detail ?? $"HTTP {outcome.Status}");
    }
}
