using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>
/// Batches QuestDB could not take yet, on disk: one file per batch, numbered so replay runs oldest first,
/// written to a temporary name, fsync'd, then renamed, so a crash never leaves half a batch behind. Files
/// survive a restart and are replayed then. Bounded by <see cref="MaxBytes"/>: when full a new batch is refused
/// (the writer counts those rows as dropped and the Health page turns red) rather than filling the disk.
/// Lines QuestDB rejected for good go to <c>rejected.jsonl</c> next to the batches, with the server's error,
/// for an operator to inspect; nothing is dropped silently.
/// </summary>
internal sealed class IlpSpool
{
    private const string Extension = ".ilp";
    private const string RejectedFileName = "rejected.jsonl";

    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, long> _files = new();
    private long _bytes;
    private long _nextId;

    public IlpSpool(string directory, long maxBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        Directory = Path.GetFullPath(directory);
        MaxBytes = maxBytes;
        System.IO.Directory.CreateDirectory(Directory);
        foreach (string path in System.IO.Directory.EnumerateFiles(Directory))
        {
            string name = Path.GetFileName(path);
            if (name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                File.Delete(path); // a write interrupted by a crash: never completed, never acknowledged
            }
            else if (name.EndsWith(Extension, StringComparison.Ordinal)
                && long.TryParse(name.AsSpan(0, name.Length - Extension.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long id))
            {
                long length = new FileInfo(path).Length;
                _files[id] = length;
                _bytes += length;
                _nextId = Math.Max(_nextId, id + 1);
            }
        }
    }

    public string Directory { get; }

    public long MaxBytes { get; }

    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    public int BatchCount
    {
        get
        {
            lock (_gate)
            {
                return _files.Count;
            }
        }
    }

    public bool IsEmpty => BatchCount == 0;

    public string RejectedPath => Path.Combine(Directory, RejectedFileName);

    /// <summary>Stores a batch durably at the end of the queue; false when that would exceed <see cref="MaxBytes"/>.</summary>
    public bool TryAppend(ReadOnlySpan<byte> batch)
    {
        if (batch.IsEmpty)
        {
            return true;
        }

        long id;
        lock (_gate)
        {
            if (_bytes + batch.Length > MaxBytes)
            {
                return false;
            }

            id = _nextId++;
            _bytes += batch.Length;
            _files[id] = batch.Length;
        }

        string final = PathOf(id);
        string temp = final + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
            {
                stream.Write(batch);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, final);
            return true;
        }
        catch
        {
            lock (_gate)
            {
                _files.Remove(id);
                _bytes -= batch.Length;
            }

            File.Delete(temp);
            throw;
        }
    }

    /// <summary>The oldest stored batch, or false when the spool is empty.</summary>
    public bool TryPeekOldest(out long id, out byte[] batch)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_files.Count == 0)
                {
                    id = 0;
                    batch = [];
                    return false;
                }

                id = _files.Keys.First();
            }

            try
            {
                batch = File.ReadAllBytes(PathOf(id));
                return true;
            }
            catch (FileNotFoundException)
            {
                // Removed by hand while we ran: forget it rather than fail on it forever.
                Remove(id);
            }
        }
    }

    /// <summary>Forgets a batch once QuestDB acknowledged it (or it was moved to the rejected file).</summary>
    public void Remove(long id)
    {
        lock (_gate)
        {
            if (_files.Remove(id, out long length))
            {
                _bytes -= length;
            }
        }

        File.Delete(PathOf(id));
    }

    /// <summary>Keeps a line QuestDB refused for good, with its error, one JSON object per line.</summary>
    public void Reject(ReadOnlySpan<byte> line, string error, DateTime at)
    {
        var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteString("at", at);
            writer.WriteString("error", error);
            writer.WriteString("line", Encoding.UTF8.GetString(line).TrimEnd('\n'));
            writer.WriteEndObject();
        }

        json.WriteByte((byte)'\n');
        lock (_gate)
        {
            using var stream = new FileStream(RejectedPath, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(json.GetBuffer().AsSpan(0, (int)json.Length));
            stream.Flush(flushToDisk: true);
        }
    }

    private string PathOf(long id) => Path.Combine(Directory, id.ToString("D20", CultureInfo.InvariantCulture) + Extension);
}
