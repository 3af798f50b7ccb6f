using System.Buffers.Text;
using System.Text;

namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>
/// Builds InfluxDB Line Protocol rows, as QuestDB reads them, into one reusable UTF-8 byte buffer:
/// <c>table,sym=value col=1i,price=0.53,note="text" 1700000000000000000\n</c>.
/// Every outside value is escaped here, never concatenated: symbol values escape space, comma, equals sign,
/// backslash, CR and LF with a backslash; string values are quoted and escape double quote, backslash, CR and
/// LF with a backslash. Table and column names are our own constants and are validated, not escaped.
/// The writer rolls back a row that fails half-way (<see cref="RollbackTo"/>), so a batch only ever holds whole rows.
/// Not thread-safe: the writer serializes access.
/// </summary>
internal sealed partial class IlpBuffer
{
    private byte[] _bytes;
    private int _length;
    private int _rowStart;
    private RowPart _part = RowPart.None;

    public IlpBuffer(int initialCapacity = 64 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 16);
        _bytes = new byte[initialCapacity];
    }

    private enum RowPart
    {
        None,
        Table,
        Symbols,
        Columns,
    }

    /// <summary>Bytes of the completed rows (a row in progress is not included).</summary>
    public int Length => _part == RowPart.None ? _length : _rowStart;

    public int RowCount { get; private set; }

    /// <summary>The completed rows. Valid until the next change of the buffer.</summary>
    public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, Length);

    public bool InRow => _part != RowPart.None;

    public IlpBuffer Table(string name)
    {
        if (_part != RowPart.None)
        {
            throw new IlpFormatException("Table() called inside a row; finish it with At() first.");
        }

        ValidateName(name, "table");
        _rowStart = _length;
        _part = RowPart.Table;
        WriteAscii(name);
        return this;
    }

    public IlpBuffer Symbol(string name, string value)
    {
        if (_part is not (RowPart.Table or RowPart.Symbols))
        {
            throw new IlpFormatException($"Symbol '{name}' must follow Table() and precede every column.");
        }

        ValidateName(name, "symbol");
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            // An empty tag value is not valid ILP; callers omit the symbol to store NULL.
            throw new IlpFormatException($"Symbol '{name}' has an empty value; omit it to store NULL.");
        }

        WriteByte((byte)',');
        WriteAscii(name);
        WriteByte((byte)'=');
        WriteEscaped(value, SymbolSpecials);
        _part = RowPart.Symbols;
        return this;
    }

    /// <summary>Ends the row with its designated timestamp in epoch nanoseconds.</summary>
    public void At(DateTime timestamp)
    {
        if (_part != RowPart.Columns)
        {
            throw new IlpFormatException(_part == RowPart.None
                ? "At() called without a row."
                : "A row needs at least one column besides its symbols.");
        }

        long micros = EpochMicros(timestamp);
        if (micros > long.MaxValue / 1000)
        {
            throw new IlpFormatException($"Timestamp {timestamp:O} is after 2262-04-11, past the ILP nanosecond range.");
        }

        long nanos = micros * 1000;
        WriteByte((byte)' ');
        EnsureCapacity(21);
        Utf8Formatter.TryFormat(nanos, _bytes.AsSpan(_length), out int written);
        _length += written;
        WriteByte((byte)'\n');
        _part = RowPart.None;
        RowCount++;
    }

    /// <summary>Removes every row written after a mark taken with <see cref="Length"/> and <see cref="RowCount"/>.</summary>
    internal void RollbackTo(int length, int rowCount)
    {
        _length = length;
        _rowStart = length;
        RowCount = rowCount;
        _part = RowPart.None;
    }

    public void Clear()
    {
        _length = 0;
        _rowStart = 0;
        RowCount = 0;
        _part = RowPart.None;
    }


    private void BeginColumn(string name)
    {
        switch (_part)
        {
            case RowPart.Table or RowPart.Symbols:
                ValidateName(name, "column");
                WriteByte((byte)' ');
                break;
            case RowPart.Columns:
                ValidateName(name, "column");
                WriteByte((byte)',');
                break;
            default:
                throw new IlpFormatException($"Column '{name}' written outside a row; call Table() first.");
        }

        WriteAscii(name);
        WriteByte((byte)'=');
        _part = RowPart.Columns;
    }

    private void WriteAscii(string name)
    {
        EnsureCapacity(Encoding.UTF8.GetMaxByteCount(name.Length));
        _length += Encoding.UTF8.GetBytes(name, _bytes.AsSpan(_length));
    }

    private void WriteByte(byte value)
    {
        EnsureCapacity(1);
        _bytes[_length++] = value;
    }

    private void EnsureCapacity(int extra)
    {
        if (_length + extra > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + extra));
        }
    }
}
