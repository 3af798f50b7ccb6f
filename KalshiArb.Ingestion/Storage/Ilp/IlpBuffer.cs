using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>
/// Builds InfluxDB Line Protocol rows, as QuestDB reads them, into one reusable UTF-8 byte buffer:
/// <c>table,sym=value col=1i,price=0.53,note="text" 1700000000000000000\n</c>.
/// Every outside value is escaped here, never concatenated: symbol values escape space, comma, equals sign,
/// backslash, CR and LF with a backslash; string values are quoted and escape double quote, backslash, CR and
/// LF with a backslash. Table and column names are our own constants and are validated, not escaped.
/// A row that fails half-way is rolled back by <see cref="CancelRow"/>, so the buffer only ever holds whole rows.
/// Not thread-safe: the writer serializes access.
/// </summary>
public sealed class IlpBuffer
{
    private static readonly SearchValues<char> SymbolSpecials = SearchValues.Create(" ,=\\\n\r");
    private static readonly SearchValues<char> StringSpecials = SearchValues.Create("\"\\\n\r");

    // QuestDB's forbidden name characters (ILP reference, "Name restrictions"), plus space and '=' which
    // would need escaping: our names never need them, so any occurrence is a programming error.
    private static readonly SearchValues<char> NameForbidden = SearchValues.Create("\n\r?.,'\"\\/:)(+-*%~ =\0\uFEFF");

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
            throw new IlpFormatException("Table() called inside a row; finish it with At() or CancelRow() first.");
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

    public IlpBuffer Column(string name, long value)
    {
        BeginColumn(name);
        EnsureCapacity(21);
        Utf8Formatter.TryFormat(value, _bytes.AsSpan(_length), out int written);
        _length += written;
        WriteByte((byte)'i');
        return this;
    }

    public IlpBuffer Column(string name, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new IlpFormatException($"Column '{name}' is {value}: ILP cannot carry NaN or Infinity; omit it to store NULL.");
        }

        BeginColumn(name);
        EnsureCapacity(32);
        // "R" gives the shortest text that round-trips, so 0.53m -> 0.53 and not 0.53000000000000003.
        value.TryFormat(_bytes.AsSpan(_length), out int written, "R", CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    /// <summary>
    /// A DOUBLE column from a decimal, written in plain decimal notation straight from its digits, trailing fractional
    /// zeros dropped (0.4500 -> 0.45, 2.0 -> 2): exact text that the server parses to the nearest double, with no
    /// conversion through double or shortest round-trip search here. An unsuffixed number is a float in ILP, so a
    /// whole value such as 12 is still a DOUBLE.
    /// </summary>
    public IlpBuffer Column(string name, decimal value)
    {
        BeginColumn(name);
        // Sign, "0." and 28 digits at most.
        EnsureCapacity(31);
        Span<byte> text = _bytes.AsSpan(_length);
        Utf8Formatter.TryFormat(value, text, out int written);
        if (text[..written].Contains((byte)'.'))
        {
            while (text[written - 1] == (byte)'0')
            {
                written--;
            }

            if (text[written - 1] == (byte)'.')
            {
                written--;
            }
        }

        _length += written;
        return this;
    }

    public IlpBuffer Column(string name, bool value)
    {
        BeginColumn(name);
        WriteByte(value ? (byte)'t' : (byte)'f');
        return this;
    }

    public IlpBuffer Column(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        BeginColumn(name);
        WriteByte((byte)'"');
        WriteEscaped(value, StringSpecials);
        WriteByte((byte)'"');
        return this;
    }

    /// <summary>A non-designated TIMESTAMP column: epoch microseconds with the <c>t</c> suffix.</summary>
    public IlpBuffer TimestampColumn(string name, DateTime value)
    {
        BeginColumn(name);
        EnsureCapacity(21);
        Utf8Formatter.TryFormat(EpochMicros(value), _bytes.AsSpan(_length), out int written);
        _length += written;
        WriteByte((byte)'t');
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

    /// <summary>Drops the row in progress, keeping every completed row.</summary>
    public void CancelRow()
    {
        if (_part != RowPart.None)
        {
            _length = _rowStart;
            _part = RowPart.None;
        }
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

    /// <summary>Epoch microseconds of a UTC time (Local is converted; Unspecified is taken as UTC, the house rule).</summary>
    public static long EpochMicros(DateTime value)
    {
        DateTime utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        long ticks = utc.Ticks - DateTime.UnixEpoch.Ticks;
        if (ticks < 0)
        {
            throw new IlpFormatException($"Timestamp {value:O} is before 1970-01-01, which QuestDB cannot store.");
        }

        return ticks / 10;
    }

    /// <summary>Validates a table or column name against QuestDB's naming rules.</summary>
    public static void ValidateName(string name, string what)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new IlpFormatException($"The {what} name is empty.");
        }

        int bad = name.AsSpan().IndexOfAny(NameForbidden);
        if (bad >= 0)
        {
            throw new IlpFormatException($"The {what} name '{name}' contains the forbidden character U+{(int)name[bad]:X4}.");
        }

        foreach (char c in name)
        {
            if (char.IsControl(c))
            {
                throw new IlpFormatException($"The {what} name '{name}' contains a control character.");
            }
        }
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

    private void WriteEscaped(string value, SearchValues<char> specials)
    {
        ReadOnlySpan<char> rest = value;
        while (!rest.IsEmpty)
        {
            int special = rest.IndexOfAny(specials);
            ReadOnlySpan<char> plain = special < 0 ? rest : rest[..special];
            if (!plain.IsEmpty)
            {
                // Refused rather than altered: UTF-8 has no lone surrogate (the encoder would write U+FFFD, merging
                // distinct keys) and QuestDB refuses NUL only after the whole batch was sent.
                if (plain.Contains('\0'))
                {
                    throw new IlpFormatException("Text contains NUL, which QuestDB cannot store.");
                }

                EnsureCapacity(Encoding.UTF8.GetMaxByteCount(plain.Length));
                if (Utf8.FromUtf16(plain, _bytes.AsSpan(_length), out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
                {
                    throw new IlpFormatException("Text contains a lone UTF-16 surrogate, which UTF-8 cannot carry.");
                }

                _length += written;
            }

            if (special < 0)
            {
                break;
            }

            EnsureCapacity(2);
            _bytes[_length++] = (byte)'\\';
            _bytes[_length++] = (byte)rest[special];
            rest = rest[(special + 1)..];
        }
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
