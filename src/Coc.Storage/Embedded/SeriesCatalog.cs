using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Coc.Core.Series;
using Microsoft.Extensions.Logging;

namespace Coc.Storage.Embedded;

/// <summary>
/// Maps series keys to the int ids that segment records carry. An append-only text file, one line
/// per series: <c>id TAB SeriesKey.Id TAB JSON</c>. The JSON rebuilds the key; the middle column is
/// for people grepping the file and a check that the line was not damaged.
/// Lookups are lock-free; <see cref="GetOrAdd"/> and <see cref="Flush"/> must be serialised by the caller.
/// </summary>
internal sealed class SeriesCatalog : IDisposable
{
    public const string FileName = "series.catalog";

    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<SeriesKey> _keys = [];
    private readonly StreamWriter _writer;
    private int _nextId;
    private bool _unflushed;

    public SeriesCatalog(string folder, ILogger logger)
    {
        var path = Path.Combine(folder, FileName);
        if (File.Exists(path))
        {
            Load(path, logger);
        }

        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        // A crash mid-line leaves no final newline; end that fragment (already skipped as corrupt)
        // so the next entry starts on its own line.
        if (stream.Length > 0)
        {
            stream.Seek(-1, SeekOrigin.End);
            if (stream.ReadByte() != '\n')
            {
                stream.WriteByte((byte)'\n');
            }
        }
        stream.Seek(0, SeekOrigin.End);
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    public bool TryGetId(SeriesKey key, out int id) => _ids.TryGetValue(key.Id, out id);

    public int GetOrAdd(SeriesKey key)
    {
        if (_ids.TryGetValue(key.Id, out var id))
        {
            return id;
        }
        id = _nextId++;
        // JsonSerializer escapes control characters, so the JSON never holds a raw tab or newline.
        _writer.Write($"{id}\t{key.Id}\t{JsonSerializer.Serialize(SeriesDto.From(key))}\n");
        _unflushed = true;
        lock (_keys)
        {
            _keys.Add(key);
        }
        _ids[key.Id] = id;
        return id;
    }

    /// <summary>Call before writing records that use new ids: a record must never name an id the file lacks.</summary>
    public void Flush()
    {
        if (_unflushed)
        {
            _writer.Flush();
            _unflushed = false;
        }
    }

    public IReadOnlyList<SeriesKey> List()
    {
        lock (_keys)
        {
            return [.. _keys];
        }
    }

    public void Dispose() => _writer.Dispose();

    private void Load(string path, ILogger logger)
    {
        var usedIds = new HashSet<int>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            var firstTab = line.IndexOf('\t');
            SeriesKey? key = null;
            string? problem = "no integer id";
            if (int.TryParse(line.AsSpan(0, Math.Max(firstTab, 0)), out var id) && id >= 0)
            {
                // Never reuse an id that appeared at all: records on disk may still carry it.
                _nextId = Math.Max(_nextId, id + 1);
                key = Parse(line, firstTab, out problem);
                if (key is not null && (_ids.ContainsKey(key.Id) || !usedIds.Add(id)))
                {
                    (key, problem) = (null, "duplicate id or series");
                }
            }
            if (key is null)
            {
                logger.LogWarning("Skipping corrupt line {Line} of series catalog {Path}: {Problem}", lineNumber, path, problem);
                continue;
            }
            _ids[key.Id] = id;
            _keys.Add(key);
        }
    }

    private static SeriesKey? Parse(string line, int firstTab, out string? problem)
    {
        var lastTab = line.LastIndexOf('\t');
        if (lastTab <= firstTab)
        {
            problem = "expected three tab-separated columns";
            return null;
        }
        SeriesKey? key;
        try
        {
            var dto = JsonSerializer.Deserialize<SeriesDto>(line.AsSpan(lastTab + 1));
            problem = "empty JSON";
            key = dto?.ToKey(out problem);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            // A hand-edited line must cost one series, not the start-up.
            problem = ex.Message;
            return null;
        }
        if (key is null)
        {
            return null;
        }
        if (!line.AsSpan(firstTab + 1, lastTab - firstTab - 1).SequenceEqual(key.Id))
        {
            problem = "key column does not match its JSON";
            return null;
        }
        problem = null;
        return key;
    }
}
