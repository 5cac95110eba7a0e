using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Coc.Web.Cluster;

/// <summary>
/// Section <c>Coc:Cluster</c>: several Coc servers behind one wall, sharing live samples and scene
/// choices through Redis. Without <see cref="Redis"/> the server runs alone, as it always did.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Coc:Cluster";

    /// <summary>StackExchange.Redis connection string (e.g. <c>redis-1:6379,password=...</c>). Empty: a single server, no Redis.</summary>
    public string? Redis { get; set; }

    /// <summary>
    /// This server's name in the cluster, shown in logs and /health and carried by every batch it
    /// shares. Empty: the machine name and a random suffix, new at every start. Must differ between servers.
    /// </summary>
    public string? ServerId { get; set; }

    /// <summary>Start of every Redis channel and key Coc uses, so several Coc installations can share one Redis.</summary>
    public string ChannelPrefix { get; set; } = "coc";

    /// <summary>Live batches waiting for Redis; when full the oldest is dropped (counted on /health): the pump never waits.</summary>
    public int FanOutQueueBatches { get; set; } = 1_000;

    /// <summary>Whether <see cref="Redis"/> is set, i.e. this server is one of several.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>The default <see cref="ServerId"/>: readable in logs, unique without anyone having to choose.</summary>
    public static string DefaultServerId()
    {
        var machine = new string([.. Environment.MachineName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-')]).Trim('-', '.', '_');
        var suffix = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
        return machine.Length == 0 ? "coc-" + suffix : $"{machine[..Math.Min(machine.Length, 48)]}-{suffix}";
    }
}

/// <summary>Fills the default server id, so everything else reads one value.</summary>
public sealed class ClusterOptionsDefaults : IPostConfigureOptions<ClusterOptions>
{
    private readonly string _generated = ClusterOptions.DefaultServerId();

    public void PostConfigure(string? name, ClusterOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ServerId))
        {
            options.ServerId = _generated;
        }
    }
}

public sealed partial class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    // Names that read cleanly in Redis keys, channel names and logs; a machine name fits.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex Name();

    public ValidateOptionsResult Validate(string? name, ClusterOptions o)
    {
        var errors = new List<string>();
        if (o.Enabled)
        {
            try
            {
                var parsed = ConfigurationOptions.Parse(o.Redis!);
                if (parsed.EndPoints.Count == 0)
                {
                    errors.Add($"Coc:Cluster:Redis names no server (e.g. 127.0.0.1:6379), got '{o.Redis}'");
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or NotSupportedException)
            {
                errors.Add($"Coc:Cluster:Redis is not a StackExchange.Redis connection string: {ex.Message}");
            }
        }
        if (o.ServerId is not null && !Name().IsMatch(o.ServerId))
        {
            errors.Add($"Coc:Cluster:ServerId must be 1-64 letters, digits, '.', '_' or '-' (starting with a letter or digit), got '{o.ServerId}'");
        }
        if (!Name().IsMatch(o.ChannelPrefix ?? ""))
        {
            errors.Add($"Coc:Cluster:ChannelPrefix must be 1-64 letters, digits, '.', '_' or '-' (starting with a letter or digit), got '{o.ChannelPrefix}'");
        }
        if (o.FanOutQueueBatches is < 1 or > 100_000)
        {
            errors.Add($"Coc:Cluster:FanOutQueueBatches must be 1-100000, got {o.FanOutQueueBatches}");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
