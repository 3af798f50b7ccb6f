using System.Text;
using KalshiArb.Ingestion.Feeds.Kalshi;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Tests.Feeds;

public sealed class KalshiMessageParserTests
{
    private static readonly DateTime ReceivedAt = new(2025, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Ticker_is_parsed_with_decimal_prices_and_sizes()
    {
        KalshiParsedMessage message = Parse("""{"type":"ticker","sid":11,"msg":{"market_ticker":"M","price_dollars":"0.480","yes_bid_dollars":"0.450","yes_ask_dollars":"0.530","yes_bid_size_fp":"300.00","yes_ask_size_fp":"150.00","volume_fp":"33896.00","open_interest_fp":"20422.00","ts_ms":1669149841000}}""");

        Assert.Equal(KalshiMessageKind.Data, message.Kind);
        KalshiTick tick = Assert.IsType<KalshiTick>(Assert.Single(message.Events));
        Assert.Equal(0.45m, tick.YesBid);
        Assert.Equal(0.53m, tick.YesAsk);

        // NO side is the complement: NO bid = 1 - 0.53, NO ask = 1 - 0.45.
        Assert.Equal(0.47m, tick.NoBid);
        Assert.Equal(0.55m, tick.NoAsk);
        Assert.Equal(33896m, tick.Volume);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1669149841000).UtcDateTime, tick.ExchangeTs);
        Assert.Equal(DateTimeKind.Utc, tick.ExchangeTs.Kind);
        Assert.Equal(ReceivedAt, tick.ReceivedAt);
    }

    [Fact]
    public void Empty_sides_of_a_ticker_are_no_quote_rather_than_a_price()
    {
        KalshiTick tick = (KalshiTick)Parse("""{"type":"ticker","sid":1,"msg":{"market_ticker":"M","yes_bid_dollars":"0.0000","yes_ask_dollars":"1.0000"}}""").Events[0];

        Assert.Null(tick.YesBid);
        Assert.Null(tick.YesAsk);
        Assert.Equal(0m, tick.Volume);

        // No exchange time in the message: the receive time stands in.
        Assert.Equal(ReceivedAt, tick.ExchangeTs);
    }

    [Fact]
    public void Trade_accepts_seconds_timestamp()
    {
        KalshiParsedMessage message = Parse("""{"type":"trade","sid":3,"msg":{"market_ticker":"M","trade_id":"abc","yes_price_dollars":"0.3600","no_price_dollars":"0.6400","count_fp":"5.00","taker_side":"yes","ts":1669149841}}""");

        KalshiTrade trade = Assert.IsType<KalshiTrade>(Assert.Single(message.Events));
        Assert.Equal(("abc", 0.36m, 0.64m, 5m, Side.Yes), (trade.TradeId, trade.YesPrice, trade.NoPrice, trade.Count, trade.TakerSide));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1669149841).UtcDateTime, trade.ExchangeTs);
    }

    [Theory]
    [InlineData("yes_dollars_fp", "no_dollars_fp")]
    [InlineData("yes_dollars", "no_dollars")]
    public void Snapshot_levels_are_read_under_either_naming(string yesName, string noName)
    {
        KalshiParsedMessage message = Parse($$$"""{"type":"orderbook_snapshot","sid":2,"seq":2,"msg":{"market_ticker":"M","{{{yesName}}}":[["0.0800","300.00"],["0.0900","1.00"]],"{{{noName}}}":[["0.5400","20.00"]]}}""");

        BookSnapshot snapshot = Assert.IsType<BookSnapshot>(Assert.Single(message.Events));
        Assert.Equal((2L, 2L), (message.Sid!.Value, snapshot.Seq));
        Assert.Equal([new BookLevel(0.08m, 300m), new BookLevel(0.09m, 1m)], snapshot.YesBids);
        Assert.Equal([new BookLevel(0.54m, 20m)], snapshot.NoBids);
    }

    [Fact]
    public void Delta_keeps_sign_side_and_sequence()
    {
        KalshiParsedMessage message = Parse("""{"type":"orderbook_delta","sid":2,"seq":3,"msg":{"market_ticker":"M","price_dollars":"0.960","delta_fp":"-54.00","side":"no","ts_ms":1669149841000}}""");

        BookDelta delta = Assert.IsType<BookDelta>(Assert.Single(message.Events));
        Assert.Equal((Side.No, 0.96m, -54m, 3L), (delta.Side, delta.Price, delta.Delta, delta.Seq));
        Assert.True(message.IsOrderBook);
    }

    [Theory]
    [InlineData("""{"type":"ticker","sid":1,"msg":{"market_ticker":"M","yes_bid_dollars":"1.0001"}}""", "outside [0, 1]")]
    [InlineData("""{"type":"ticker","sid":1,"msg":{"market_ticker":"M","yes_ask_dollars":"-0.01"}}""", "outside [0, 1]")]
    [InlineData("""{"type":"ticker","sid":1,"msg":{"market_ticker":"M","yes_bid_dollars":"4e-1"}}""", "not a decimal")]
    [InlineData("""{"type":"ticker","sid":1,"msg":{"market_ticker":"M","yes_bid_dollars":0.45}}""", "not a decimal string")]
    [InlineData("""{"type":"ticker","sid":1,"msg":{"yes_bid_dollars":"0.45"}}""", "market_ticker is missing")]
    [InlineData("""{"type":"trade","sid":1,"msg":{"market_ticker":"M","trade_id":"t","yes_price_dollars":"0.5","count_fp":"-1.00","taker_side":"yes"}}""", "negative")]
    [InlineData("""{"type":"trade","sid":1,"msg":{"market_ticker":"M","trade_id":"t","yes_price_dollars":"0.5","count_fp":"1.00","taker_side":"maybe"}}""", "neither yes nor no")]
    [InlineData("""{"type":"orderbook_delta","sid":2,"msg":{"market_ticker":"M","price_dollars":"0.5","delta_fp":"1.00","side":"yes"}}""", "without seq")]
    [InlineData("""{"type":"orderbook_snapshot","sid":2,"seq":1,"msg":{"market_ticker":"M","yes_dollars_fp":[["0.5"]]}}""", "[price, size]")]
    [InlineData("""{"type":"orderbook_snapshot","sid":2,"seq":1,"msg":{"market_ticker":"M","no_dollars_fp":[["1.5","3.00"]]}}""", "outside [0, 1]")]
    [InlineData("""[1,2]""", "not a JSON object")]
    [InlineData("""{"sid":1}""", "no type")]
    [InlineData("""{"type":"ticker","sid":1}""", "no msg")]
    [InlineData("""{"type":"ticker","msg":{"market_ticker":"M"}""", "invalid JSON")]
    public void Bad_values_are_rejected_with_a_reason(string json, string reason)
    {
        KalshiParsedMessage message = Parse(json);

        Assert.Equal(KalshiMessageKind.Malformed, message.Kind);
        Assert.Contains(reason, message.Detail, StringComparison.Ordinal);
        Assert.Empty(message.Events);
    }

    [Fact]
    public void Rejected_order_book_message_still_reports_its_sid_and_seq()
    {
        KalshiParsedMessage message = Parse("""{"type":"orderbook_delta","sid":7,"seq":9,"msg":{"market_ticker":"M","price_dollars":"2.0","delta_fp":"1.00","side":"yes"}}""");

        Assert.Equal(KalshiMessageKind.Malformed, message.Kind);
        Assert.Equal((7L, 9L), (message.Sid!.Value, message.Seq!.Value));
        Assert.True(message.IsOrderBook);
    }

    [Fact]
    public void Control_messages_are_classified()
    {
        KalshiParsedMessage subscribed = Parse("""{"id":1,"type":"subscribed","msg":{"channel":"orderbook_delta","sid":4}}""");
        Assert.Equal((KalshiMessageKind.Subscribed, 1L, 4L, "orderbook_delta"), (subscribed.Kind, subscribed.CommandId!.Value, subscribed.Sid!.Value, subscribed.Channel));

        KalshiParsedMessage error = Parse("""{"id":5,"type":"error","msg":{"code":25,"msg":"Buffer overflow"}}""");
        Assert.Equal((KalshiMessageKind.Error, 25, "Buffer overflow"), (error.Kind, error.ErrorCode!.Value, error.Detail));

        Assert.Equal(KalshiMessageKind.Acknowledged, Parse("""{"id":6,"type":"ok","sid":4}""").Kind);
        Assert.Equal(KalshiMessageKind.Unknown, Parse("""{"type":"ticker_v3","msg":{}}""").Kind);
    }

    [Theory]
    [InlineData("activated", "active", true)]
    [InlineData("deactivated", "inactive", false)]
    [InlineData("determined", "determined", false)]
    [InlineData("settled", "finalized", false)]
    public void Lifecycle_events_become_status_changes(string eventType, string status, bool tradable)
    {
        KalshiParsedMessage message = Parse($$$"""{"type":"market_lifecycle_v2","sid":13,"msg":{"market_ticker":"M","event_type":"{{{eventType}}}"}}""");

        MarketStatusChanged change = Assert.IsType<MarketStatusChanged>(Assert.Single(message.Events));
        Assert.Equal((status, tradable), (change.Status, change.IsTradable));
    }

    [Theory]
    [InlineData("determined", "result", "yes", SettlementResult.Yes)]
    [InlineData("determined", "result", "no", SettlementResult.No)]
    [InlineData("settled", "result", "void", SettlementResult.Void)]
    [InlineData("settled", "settlement_result", "NO", SettlementResult.No)]
    public void Determination_and_settlement_carry_the_market_result(string eventType, string field, string value, SettlementResult expected)
    {
        // The documented shape of a determination: market_ticker, event_type, result, determination_ts (Unix seconds).
        KalshiParsedMessage message = Parse($$$"""{"type":"market_lifecycle_v2","sid":13,"msg":{"market_ticker":"KXNBAGAME-26NOV29LALBOS-LAL","event_type":"{{{eventType}}}","{{{field}}}":"{{{value}}}","determination_ts":1764460800,"settlement_value":"1.00"}}""");

        MarketStatusChanged change = Assert.IsType<MarketStatusChanged>(Assert.Single(message.Events));
        Assert.Equal(("KXNBAGAME-26NOV29LALBOS-LAL", expected), (change.Ticker, change.Result));
        if (eventType == "determined")
        {
            // determination_ts 1764460800 s after the epoch = 20422 days = 2025-11-30 00:00:00 UTC, before the receive time.
            Assert.Equal(new DateTime(2025, 11, 30, 0, 0, 0, DateTimeKind.Utc), change.ExchangeTs);
        }
    }

    [Theory]
    [InlineData("determined", "\"result\":\"scalar\"")]
    [InlineData("determined", "\"result\":\"\"")]
    [InlineData("settled", "\"result\":null")]
    [InlineData("settled", "\"settlement_value\":\"1.00\"")]
    [InlineData("activated", "\"result\":\"yes\"")]
    public void Unknown_missing_or_out_of_place_results_give_a_status_change_without_result(string eventType, string resultJson)
    {
        KalshiParsedMessage message = Parse($$$"""{"type":"market_lifecycle_v2","sid":13,"msg":{"market_ticker":"M","event_type":"{{{eventType}}}",{{{resultJson}}}}}""");

        MarketStatusChanged change = Assert.IsType<MarketStatusChanged>(Assert.Single(message.Events));
        Assert.Null(change.Result);
    }

    [Fact]
    public void Close_date_update_moves_the_close_time()
    {
        KalshiParsedMessage message = Parse("""{"type":"market_lifecycle_v2","sid":13,"msg":{"market_ticker":"M","event_type":"close_date_updated","close_ts":1694721600}}""");

        MarketCloseTimeChanged close = Assert.IsType<MarketCloseTimeChanged>(Assert.Single(message.Events));
        Assert.Equal(new DateTime(2023, 9, 14, 20, 0, 0, DateTimeKind.Utc), close.CloseTime); // 1694721600 s after the epoch
    }

    [Theory]
    [InlineData("metadata_updated")]
    [InlineData("price_level_structure_updated")]
    public void Lifecycle_event_without_status_change_is_acknowledged_only(string eventType)
    {
        KalshiParsedMessage message = Parse($$$"""{"type":"market_lifecycle_v2","sid":13,"seq":4,"msg":{"market_ticker":"M","event_type":"{{{eventType}}}","price_level_structure":"deci_cent","price_ranges":[{"start":"0.0000","end":"1.0000","step":"0.0010"}]}}""");

        Assert.Equal(KalshiMessageKind.Acknowledged, message.Kind);
        Assert.Empty(message.Events);
    }

    private static KalshiParsedMessage Parse(string json) => KalshiMessageParser.Parse(Encoding.UTF8.GetBytes(json), ReceivedAt, limits: HistoricalSamples.Limits);
}
