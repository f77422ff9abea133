using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text.Json;

namespace CleanDashboard.Infrastructure.Tracking.Journal;

/// <summary>
/// An append-only file of the entries the database could not take, replayed in order once it can (decision 050).
/// Layout: a 32-byte header (magic, generation id, CRC-32 of the id), then records of
/// [payload length: int32][CRC-32 of generation id + payload: uint32][JSON payload], then a zero length marking the end.
/// The whole bound is reserved on disk when the file is created, so a spill never needs new space on a full disk;
/// the file is emptied by starting a new generation, whose checksums no older record matches, never by truncating it.
/// Used by the writer; the counters may be read from any thread.
/// </summary>
public sealed class RequestLogJournal(string path, long maxBytes) : IDisposable
{
    public const int HeaderSize = 32;
    private const int RecordHeaderSize = 8;
    private const int EndMarkerSize = 4;
    private static readonly byte[] Magic = "CDRLJ001"u8.ToArray();

    private readonly Lock _gate = new();
    private FileStream? _file;
    private byte[] _generation = new byte[16];
    private long _end = HeaderSize;
    private int _pending;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public long MaxBytes { get; } = maxBytes;

    public Guid Generation => new(_generation);

    /// <summary>Records written and not yet replayed into the database.</summary>
    public int PendingRecords => Volatile.Read(ref _pending);

    /// <summary>Bytes of the bound taken by pending records.</summary>
    public long UsedBytes => Interlocked.Read(ref _end) - HeaderSize;

    /// <summary>Why the journal cannot be used (spills are then lost and counted); null while it can.</summary>
    public string? Problem { get; private set; }

    /// <summary>Opens the journal, or creates it with its whole bound reserved; returns how many torn records were skipped.</summary>
    public int Open()
    {
        if (MaxBytes <= 0)
        {
            Problem = "the journal is switched off (RequestLogWriter:JournalMaxBytes is 0)";
            return 0;
        }

        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            if (File.Exists(Path) && new FileInfo(Path).Length > 0)
            {
                return Load();
            }

            Create();
            return 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            _file?.Dispose();
            _file = null;
            Problem = $"the journal {Path} cannot be used: {ex.Message}";
            return 0;
        }
    }

    /// <summary>Appends the records in order, durably, as many as fit in the bound; returns how many were written.</summary>
    public int Append(IReadOnlyList<JournalRecord> records)
    {
        if (_file is null || records.Count == 0)
        {
            return 0;
        }

        using var buffer = new MemoryStream();
        var appended = 0;
        Span<byte> header = stackalloc byte[RecordHeaderSize];
        foreach (var record in records)
        {
            var payload = JsonSerializer.SerializeToUtf8Bytes(record, JournalJsonContext.Default.JournalRecord);
            if (_end + buffer.Length + RecordHeaderSize + payload.Length + EndMarkerSize > MaxBytes)
            {
                break;
            }

            BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Checksum(payload));
            buffer.Write(header);
            buffer.Write(payload);
            appended++;
        }

        if (appended == 0)
        {
            return 0;
        }

        var written = buffer.Length;
        buffer.Write(stackalloc byte[EndMarkerSize]);
        try
        {
            WriteAt(_end, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (IOException)
        {
            TryWriteEndMarker(_end);
            throw;
        }

        Interlocked.Add(ref _end, written);
        Interlocked.Add(ref _pending, appended);
        return appended;
    }

    /// <summary>The pending records in the order they were written, with their index in this generation, from <paramref name="skip"/> on.</summary>
    public IEnumerable<(long Index, JournalRecord Record)> ReadPending(long skip)
    {
        var file = (_file ?? throw new InvalidOperationException("The journal is not open.")).SafeFileHandle;
        var offset = (long)HeaderSize;
        var header = new byte[RecordHeaderSize];
        var count = PendingRecords;
        for (long index = 0; index < count; index++)
        {
            RandomAccess.Read(file, header, offset);
            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (index >= skip)
            {
                var payload = new byte[length];
                RandomAccess.Read(file, payload, offset + RecordHeaderSize);
                yield return (index, JsonSerializer.Deserialize(payload, JournalJsonContext.Default.JournalRecord)!);
            }

            offset += RecordHeaderSize + length;
        }
    }

    /// <summary>Every record is in the database: empties the journal by starting a new generation.</summary>
    public void Reset()
    {
        if (_file is null)
        {
            return;
        }

        WriteAt(HeaderSize, stackalloc byte[EndMarkerSize]);
        WriteHeader(Guid.NewGuid());
        Interlocked.Exchange(ref _end, HeaderSize);
        Volatile.Write(ref _pending, 0);
    }

    public void Dispose() => _file?.Dispose();

    private void Create()
    {
        _file = new FileStream(Path, new FileStreamOptions
        {
            Mode = FileMode.Create, // only for a missing or empty file (a start that died while creating it)
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 0,
            PreallocationSize = MaxBytes,
        });
        WriteAt(HeaderSize, stackalloc byte[EndMarkerSize]);
        WriteHeader(Guid.NewGuid());
    }

    private int Load()
    {
        _file = new FileStream(Path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 0 });
        var header = new byte[HeaderSize];
        if (_file.Read(header) != HeaderSize || !header.AsSpan(0, Magic.Length).SequenceEqual(Magic)
            || BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(24)) != Crc32.HashToUInt32(header.AsSpan(8, 16)))
        {
            throw new InvalidDataException("it is not a request log journal (its header does not match)");
        }

        _generation = header[8..24];
        var (records, end, torn) = Scan();
        _end = end;
        _pending = records;
        if (torn)
        {
            WriteAt(end, stackalloc byte[EndMarkerSize]);
        }

        return torn ? 1 : 0;
    }

    /// <summary>Counts the whole records; a record cut short or failing its checksum ends the journal (a write torn by a crash).</summary>
    private (int Records, long End, bool Torn) Scan()
    {
        var file = _file!;
        var offset = (long)HeaderSize;
        var records = 0;
        var header = new byte[RecordHeaderSize];
        while (true)
        {
            file.Position = offset;
            var read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            if (read < EndMarkerSize)
            {
                return (records, offset, header.AsSpan(0, read).ContainsAnyExcept((byte)0));
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (length == 0)
            {
                return (records, offset, false);
            }

            if (read < RecordHeaderSize || length < 0 || offset + RecordHeaderSize + length > Math.Min(file.Length, MaxBytes))
            {
                return (records, offset, true);
            }

            var payload = new byte[length];
            file.ReadExactly(payload);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)) != Checksum(payload))
            {
                return (records, offset, true);
            }

            records++;
            offset += RecordHeaderSize + length;
        }
    }

    private uint Checksum(ReadOnlySpan<byte> payload)
    {
        var crc = new Crc32();
        crc.Append(_generation);
        crc.Append(payload);
        return crc.GetCurrentHashAsUInt32();
    }

    private void WriteHeader(Guid generation)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        header.Clear();
        Magic.CopyTo(header);
        generation.TryWriteBytes(header[8..24]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], Crc32.HashToUInt32(header[8..24]));
        WriteAt(0, header);
        _generation = header[8..24].ToArray();
    }

    private void WriteAt(long offset, ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            RandomAccess.Write(_file!.SafeFileHandle, bytes, offset);
            _file.Flush(flushToDisk: true);
        }
    }

    private void TryWriteEndMarker(long offset)
    {
        try
        {
            WriteAt(offset, stackalloc byte[EndMarkerSize]);
        }
        catch (IOException)
        {
            // The next open finds the torn bytes by their checksum.
        }
    }
}
