using System.Net;
using Coc.Core.Ingest;
using Coc.Core.Ingest.Mapping;
using Coc.Ingest.Pipeline;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Pull;

/// <summary>
/// Polls each configured JSON endpoint in its own loop and queues what its mapping yields, counted
/// under the source's name like any feed. A failed poll (HTTP error, timeout, oversized or
/// malformed body, or a document that yields no sample) is one rejection on <c>/feeds</c>, and the
/// next poll waits longer: interval × 2^failures up to MaxBackoffSeconds; a good poll resets it.
/// Polls of one source never overlap, so each source holds at most one body in memory.
/// </summary>
public sealed class PullPoller : BackgroundService, IHealthCheck
{
    /// <summary>Consecutive failed polls after which a source makes the health check Degraded.</summary>
    public const int DegradedAfterFailures = 3;

    private const int MaxBackoffExponent = 30;

    private readonly IReadOnlyList<PullTarget> _targets;
    private readonly HttpClient _http;
    private readonly PullFetcher _fetcher;
    private readonly IngestQueue _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<PullPoller> _logger;

    public PullPoller(IOptions<PullOptions> options, IngestQueue queue, TimeProvider time, ILogger<PullPoller> logger)
    {
        _targets = [.. options.Value.Sources.Select((source, i) => new PullTarget(source, Compile(source, i)))];
        _queue = queue;
        _time = time;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            MaxAutomaticRedirections = 5,
            // Remote systems move behind DNS changes; a pooled connection must not pin an old address for weeks.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            // Each poll has its own timeout on the injected clock (PullSource.TimeoutSeconds).
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Coc-Pull/1.0");
        _fetcher = new PullFetcher(_http, time);
    }

    /// <summary>Every source's state, in configuration order.</summary>
    public IReadOnlyList<PullStatus> Status() => [.. _targets.Select(t => t.State.Snapshot())];

    public PullStatus? StatusOf(string name) => _targets.FirstOrDefault(t => t.Source.Name == name)?.State.Snapshot();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _targets.Count == 0 ? Task.CompletedTask : Task.WhenAll(_targets.Select(t => RunAsync(t, stoppingToken)));

    private async Task RunAsync(PullTarget target, CancellationToken stoppingToken)
    {
        // Each source on its own from the first await: one slow DNS lookup or connect must not hold the others.
        await Task.Yield();
        var due = _time.GetUtcNow();
        target.State.Scheduled(due);
        try
        {
            while (true)
            {
                await WaitUntilAsync(due, stoppingToken);
                target.State.Starting();
                var result = await PollAsync(target, stoppingToken);
                // Waits while the ingest queue is full: a slow pipeline slows the polls, nothing piles up.
                await _queue.SubmitAsync(result, stoppingToken);
                due = Finish(target, result);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<ParseResult> PollAsync(PullTarget target, CancellationToken stoppingToken)
    {
        try
        {
            return await _fetcher.FetchAsync(target, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Bad answers come back as rejections; reaching here is our bug, and must not end this source's loop.
            _logger.LogError(ex, "Pull source {Source}: poll of {Url} failed unexpectedly", target.Source.Name, target.ShownUrl);
            var result = new ParseResult(target.Source.Name);
            result.Rejections.Add(new Rejection(target.Source.Name, RejectReason.PullFailed,
                $"GET {target.ShownUrl}: internal error {ex.GetType().Name}", target.ShownUrl, _time.GetUtcNow()));
            return result;
        }
    }

    private DateTimeOffset Finish(PullTarget target, ParseResult result)
    {
        var error = FailureOf(result);
        var failures = error is null ? 0 : target.State.ConsecutiveFailures + 1;
        var delay = DelayAfter(target.Source, failures);
        var now = _time.GetUtcNow();
        var before = target.State.Finished(now, error, now + delay);
        // The first failure and the recovery are news; every poll in between would flood the log.
        if (error is not null && before == 0)
        {
            _logger.LogWarning("Pull source {Source} failed: {Error}; retrying in {Delay} s, backing off while it fails",
                target.Source.Name, error, delay.TotalSeconds);
        }
        else if (error is not null)
        {
            _logger.LogDebug("Pull source {Source} failed {Failures} times in a row: {Error}; next poll in {Delay} s",
                target.Source.Name, failures, error, delay.TotalSeconds);
        }
        else if (before > 0)
        {
            _logger.LogInformation("Pull source {Source} recovered after {Failures} failed polls: {Samples} samples",
                target.Source.Name, before, result.Samples.Count);
        }
        else
        {
            _logger.LogDebug("Pull source {Source}: {Samples} samples, {Rejections} refused", target.Source.Name, result.Samples.Count, result.Rejections.Count);
        }
        return now + delay;
    }

    /// <summary>A poll failed when it yielded no sample but was refused: the endpoint or its document is broken, not one record.</summary>
    private static string? FailureOf(ParseResult result)
    {
        if (result.Samples.Count > 0 || result.Rejections.Count == 0)
        {
            return null;
        }
        var first = result.Rejections[0];
        var more = result.Rejections.Count > 1 ? $" (and {result.Rejections.Count - 1} more refusals)" : "";
        return $"{first.Reason}: {first.Detail}{more}";
    }

    /// <summary>
    /// The wait after a poll: the interval, or after n failures in a row min(interval × 2^n, MaxBackoffSeconds);
    /// never shorter than the interval, so a cap below a long interval cannot make a failing source polled faster.
    /// </summary>
    public static TimeSpan DelayAfter(PullSource source, int consecutiveFailures)
    {
        var seconds = consecutiveFailures == 0
            ? source.IntervalSeconds
            : Math.Min(source.IntervalSeconds * Math.Pow(2, Math.Min(consecutiveFailures, MaxBackoffExponent)),
                Math.Max(source.MaxBackoffSeconds, source.IntervalSeconds));
        return TimeSpan.FromSeconds(seconds);
    }

    // Re-reads the clock right before arming the timer, so time that passed meanwhile (or a test's
    // fake clock moved early) is not waited twice.
    private async Task WaitUntilAsync(DateTimeOffset due, CancellationToken stoppingToken)
    {
        var wait = due - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, stoppingToken);
        }
    }

    private static JsonRecordMapping Compile(PullSource source, int index) =>
        JsonRecordMapping.TryCompile(source, [], $"{PullOptions.Section}:Sources:{index}", out var mapping, out var errors)
            ? mapping
            // The validator refuses such a source at start-up; reaching here means it was bypassed.
            : throw new InvalidOperationException(string.Join("; ", errors));

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var statuses = Status();
        var data = statuses.ToDictionary(s => s.Name, s => (object)s.ConsecutiveFailures);
        var failing = statuses.Where(s => s.ConsecutiveFailures >= DegradedAfterFailures).ToList();
        var result = statuses.Count == 0
            ? HealthCheckResult.Healthy("no pull sources configured", data)
            : failing.Count > 0
            ? HealthCheckResult.Degraded("pull sources failing: " + string.Join("; ",
                failing.Select(s => $"{s.Name} ({s.ConsecutiveFailures} polls in a row, last: {s.LastError})")), data: data)
            : HealthCheckResult.Healthy($"pull sources: {statuses.Count}, none failing {DegradedAfterFailures}+ times in a row", data);
        return Task.FromResult(result);
    }

    public override void Dispose()
    {
        base.Dispose();
        _http.Dispose();
    }
}
