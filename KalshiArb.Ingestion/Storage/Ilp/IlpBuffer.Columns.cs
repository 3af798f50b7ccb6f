using System.Buffers.Text;
using System.Globalization;

namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>Column values: each type in the text form QuestDB parses exactly.</summary>
internal sealed partial class IlpBuffer
{
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
}
