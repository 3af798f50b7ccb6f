using System.Text;
using KalshiArb.Ingestion.Storage.Ilp;

namespace KalshiArb.Tests.Storage;

public sealed class IlpBufferTests
{
    private static DateTime FromNanos(long nanos) => DateTime.UnixEpoch.AddTicks(nanos / 100);

    private static string Text(IlpBuffer buffer) => Encoding.UTF8.GetString(buffer.Written.Span);

    [Fact]
    public void Symbols_and_double_columns_match_the_spec_example()
    {
        var buffer = new IlpBuffer();
        buffer.Table("trades").Symbol("symbol", "BTC-USD").Symbol("side", "buy")
            .Column("price", 61432d).Column("amount", 0.5).At(FromNanos(1465839830100400000));

        Assert.Equal("trades,symbol=BTC-USD,side=buy price=61432,amount=0.5 1465839830100400000\n", Text(buffer));
        Assert.Equal(1, buffer.RowCount);
    }

    [Fact]
    public void Symbol_values_escape_backslash_comma_and_space_as_in_the_spec()
    {
        var buffer = new IlpBuffer();
        buffer.Table("trade").Symbol("ticker", "BTC\\USD,All").Symbol("venue", "coin base")
            .Column("price", 30d).At(FromNanos(1638202821000000000));

        Assert.Equal("trade,ticker=BTC\\\\USD\\,All,venue=coin\\ base price=30 1638202821000000000\n", Text(buffer));
    }

    [Fact]
    public void String_values_are_quoted_with_quotes_and_backslashes_escaped_as_in_the_spec()
    {
        var buffer = new IlpBuffer();
        buffer.Table("trade").Symbol("ticker", "BTCUSD")
            .Column("description", "this is a \"rare\" value").Column("user", "John").At(FromNanos(1638202821000000000));

        Assert.Equal("trade,ticker=BTCUSD description=\"this is a \\\"rare\\\" value\",user=\"John\" 1638202821000000000\n", Text(buffer));
    }

    [Fact]
    public void Long_bool_and_timestamp_columns_use_their_suffixes()
    {
        var buffer = new IlpBuffer();
        buffer.Table("temps").Symbol("device", "cpu").Symbol("location", "south")
            .Column("value", 96L).Column("warning", false).Column("ok", true)
            .TimestampColumn("ts1", DateTime.UnixEpoch.AddTicks(10000 * 10))
            .At(FromNanos(1638202821000000000));

        // 10000 µs = 100000 ticks; 't' marks microseconds, the trailing designated timestamp is in ns.
        Assert.Equal("temps,device=cpu,location=south value=96i,warning=f,ok=t,ts1=10000t 1638202821000000000\n", Text(buffer));
    }

    [Fact]
    public void Decimal_prices_round_trip_as_shortest_doubles()
    {
        var buffer = new IlpBuffer();
        buffer.Table("t").Column("p", (double)0.53m).Column("q", (double)0.0001m).Column("n", -1.5).At(DateTime.UnixEpoch);

        Assert.Equal("t p=0.53,q=0.0001,n=-1.5 0\n", Text(buffer));
    }

    [Fact]
    public void Decimal_columns_are_written_digit_for_digit_as_unsuffixed_floats()
    {
        var buffer = new IlpBuffer();
        buffer.Table("t").Column("p", 0.4500m).Column("q", 12.00m).Column("n", -3.5m).Column("z", -0.0m).Column("ten", 10m)
            .Column("tiny", -0.0000000000000000000000000001m).Column("max", decimal.MaxValue).At(DateTime.UnixEpoch);

        // The decimal's digits with trailing fractional zeros dropped (0.4500 -> 0.45, 12.00 -> 12, -0.0 prints as 0.0
        // -> 0) but never a whole number's zeros (10); no 'i' suffix, so even 12 is a DOUBLE. The longest text is -0.
        // followed by 28 digits (31 bytes).
        Assert.Equal("t p=0.45,q=12,n=-3.5,z=0,ten=10,tiny=-0.0000000000000000000000000001,max=79228162514264337593543950335 0\n", Text(buffer));
    }

    [Fact]
    public void Decimal_columns_grow_the_buffer_when_needed()
    {
        // The smallest buffer allowed, so the rows below must grow it many times.
        var buffer = new IlpBuffer(16);
        for (int i = 0; i < 200; i++)
        {
            buffer.Table("t").Column("p", -0.0000000000000000000000000001m).At(DateTime.UnixEpoch);
        }

        // Each row: "t p=" (4) + 31 digits and signs + " 0\n" (3) = 38 bytes.
        Assert.Equal(200 * 38, buffer.Written.Length);
        Assert.Equal(200, IlpLines.Split(buffer.Written.Span).Count);
    }

    [Fact]
    public void A_hostile_ticker_cannot_inject_columns_or_rows()
    {
        var buffer = new IlpBuffer();
        string hostile = "X,evil=1 injected=2\nother f=1";
        buffer.Table("kalshi_ticks").Symbol("ticker", hostile).Column("order_id", hostile).At(FromNanos(1_000_000_000));

        // Every separator in the symbol is preceded by a backslash; in the string only the line break needs one.
        string expected = "kalshi_ticks,ticker=X\\,evil\\=1\\ injected\\=2\\\nother\\ f\\=1 order_id=\"X,evil=1 injected=2\\\nother f=1\" 1000000000\n";
        Assert.Equal(expected, Text(buffer));
        Assert.Single(IlpLines.Split(buffer.Written.Span));
    }

    [Fact]
    public void Quotes_backslashes_and_carriage_returns_in_strings_are_escaped()
    {
        var buffer = new IlpBuffer();
        buffer.Table("t").Column("note", "a\"b\\c\rd").At(DateTime.UnixEpoch);

        Assert.Equal("t note=\"a\\\"b\\\\c\\\rd\" 0\n", Text(buffer));
    }

    [Fact]
    public void Utf8_text_is_written_as_utf8()
    {
        var buffer = new IlpBuffer();
        buffer.Table("t").Symbol("team", "Montréal Canadiens").Column("note", "€ 1").At(DateTime.UnixEpoch);

        Assert.Equal("t,team=Montréal\\ Canadiens note=\"€ 1\" 0\n", Text(buffer));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("a b")]
    [InlineData("a,b")]
    [InlineData("a=b")]
    [InlineData("a\nb")]
    [InlineData("a-b")]
    [InlineData("a\"b")]
    [InlineData("a\\b")]
    public void Invalid_names_are_refused(string name)
    {
        var buffer = new IlpBuffer();
        Assert.Throws<IlpFormatException>(() => buffer.Table(name));
        Assert.Throws<IlpFormatException>(() => new IlpBuffer().Table("t").Column(name, 1L));
        Assert.Throws<IlpFormatException>(() => new IlpBuffer().Table("t").Symbol(name, "v"));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_doubles_are_refused_with_a_clear_message(double value)
    {
        var buffer = new IlpBuffer();
        var ex = Assert.Throws<IlpFormatException>(() => buffer.Table("t").Column("price", value));
        Assert.Contains("price", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_rolled_back_to_a_mark_leaves_the_completed_rows_intact()
    {
        var buffer = new IlpBuffer();
        buffer.Table("t").Column("a", 1L).At(DateTime.UnixEpoch);
        (int length, int rows) = (buffer.Length, buffer.RowCount);
        buffer.Table("t").Column("a", 2L);
        Assert.Equal("t a=1i 0\n", Text(buffer)); // the row in progress is not part of Written
        buffer.RollbackTo(length, rows);
        buffer.Table("t").Column("a", 3L).At(DateTime.UnixEpoch);

        Assert.Equal("t a=1i 0\nt a=3i 0\n", Text(buffer));
        Assert.Equal(2, buffer.RowCount);
    }

    [Fact]
    public void Out_of_order_calls_are_refused()
    {
        Assert.Throws<IlpFormatException>(() => new IlpBuffer().Table("t").Column("a", 1L).Symbol("s", "v"));
        Assert.Throws<IlpFormatException>(() => new IlpBuffer().Table("t").Symbol("s", "v").At(DateTime.UnixEpoch));
        Assert.Throws<IlpFormatException>(() => new IlpBuffer().Column("a", 1L));
        Assert.Throws<IlpFormatException>(() => new IlpBuffer().Table("t").Symbol("s", ""));
        Assert.Throws<IlpFormatException>(() => new IlpBuffer().Table("t").Column("a", 1L).At(new DateTime(1969, 12, 31, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void The_buffer_grows_past_its_initial_capacity_and_is_reused_after_clear()
    {
        var buffer = new IlpBuffer(16);
        for (int i = 0; i < 100; i++)
        {
            buffer.Table("table_name").Symbol("ticker", "KXNBAGAME-25NOV29LALBOS-LAL").Column("i", (long)i).At(DateTime.UnixEpoch);
        }

        Assert.Equal(100, buffer.RowCount);
        Assert.Equal(100, IlpLines.Split(buffer.Written.Span).Count);
        buffer.Clear();
        Assert.Equal(0, buffer.Length);
        buffer.Table("t").Column("a", 1L).At(DateTime.UnixEpoch);
        Assert.Equal("t a=1i 0\n", Text(buffer));
    }
}
