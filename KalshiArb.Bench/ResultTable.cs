namespace KalshiArb.Bench;

/// <summary>Prints the figures as one aligned table: figure | value | unit | goal | met?, notes beneath.</summary>
internal static class ResultTable
{
    private static readonly string[] Headers = ["figure", "value", "unit", "goal", "met?"];

    public static void Print(IReadOnlyList<BenchFigure> figures, TextWriter output)
    {
        string[][] rows = figures.Select(f => new[] { f.Name, f.Value, f.Unit, f.Goal, f.VerdictText }).ToArray();
        int[] widths = Enumerable.Range(0, Headers.Length)
            .Select(c => Math.Max(Headers[c].Length, rows.Length == 0 ? 0 : rows.Max(r => r[c].Length)))
            .ToArray();
        string Line(string[] cells) => string.Join(" | ", cells.Select((cell, c) => c is 1 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd();
        output.WriteLine(Line(Headers));
        output.WriteLine(string.Join("-|-", widths.Select(w => new string('-', w))));
        foreach (string[] row in rows)
        {
            output.WriteLine(Line(row));
        }

        output.WriteLine();
        foreach (BenchFigure figure in figures.Where(f => f.Note.Length > 0))
        {
            output.WriteLine($"  {figure.Name}: {figure.Note}");
        }
    }
}
