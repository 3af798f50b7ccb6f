namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>
/// Splits a batch into its rows. A row ends at an unescaped LF; a backslash escapes the byte after it, so an
/// escaped line break inside a symbol or string value (backslash + LF) stays inside its row.
/// </summary>
internal static class IlpLines
{
    /// <summary>(start, length) of every row, each including its terminating LF.</summary>
    public static List<(int Start, int Length)> Split(ReadOnlySpan<byte> batch)
    {
        var lines = new List<(int Start, int Length)>();
        int start = 0;
        for (int i = 0; i < batch.Length; i++)
        {
            if (batch[i] == (byte)'\\')
            {
                i++;
            }
            else if (batch[i] == (byte)'\n')
            {
                lines.Add((start, i + 1 - start));
                start = i + 1;
            }
        }

        if (start < batch.Length)
        {
            lines.Add((start, batch.Length - start));
        }

        return lines;
    }
}
