using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>What an outside value may hold: names checked against QuestDB's rules, text escaped, times within ILP's range.</summary>
internal sealed partial class IlpBuffer
{
    private static readonly SearchValues<char> SymbolSpecials = SearchValues.Create(" ,=\\\n\r");
    private static readonly SearchValues<char> StringSpecials = SearchValues.Create("\"\\\n\r");

    // QuestDB's forbidden name characters (ILP reference, "Name restrictions"), plus space and '=' which
    // would need escaping: our names never need them, so any occurrence is a programming error.
    private static readonly SearchValues<char> NameForbidden = SearchValues.Create("\n\r?.,'\"\\/:)(+-*%~ =\0\uFEFF");

    /// <summary>Epoch microseconds of a UTC time (Local is converted; Unspecified is taken as UTC, the house rule).</summary>
    private static long EpochMicros(DateTime value)
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
    private static void ValidateName(string name, string what)
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
}
