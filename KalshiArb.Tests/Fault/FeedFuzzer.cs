using System.Text;

namespace KalshiArb.Tests.Fault;

/// <summary>
/// Deterministic (seeded) Kalshi feed messages for fuzzing: valid messages of every type, then the same messages
/// mutated: truncated, with characters inserted, deleted or swapped, with a field's value replaced by a value of
/// another type or out of range, wrapped, duplicated, emptied, or replaced by random text. Output is valid UTF-16
/// (so a WebSocket text frame can carry it); <see cref="RawBytes"/> adds byte-level damage for the parser alone.
/// </summary>
internal sealed class FeedFuzzer(int seed, string ticker, long orderBookSid, long tickerSid)
{
    private static readonly string[] OddValues =
    [
        "null", "true", "\"\"", "\"abc\"", "-1", "1e308", "\"1.5\"", "\"-0.2\"", "\"NaN\"", "\"0x10\"", "[]", "{}", "[[\"0.5\"]]",
        "99999999999999999999999", "\"0.5000000000000000000000000001\"", "\"\\u0000\"", "\"𝔘𝔫𝔦𝔠𝔬𝔡𝔢\"", "0.5", "\"1,5\"", "\" 0.5\"",
    ];

    private static readonly string[] Fields =
    [
        "type", "sid", "seq", "msg", "market_ticker", "price_dollars", "delta_fp", "side", "yes_dollars_fp", "no_dollars_fp",
        "yes_bid_dollars", "yes_ask_dollars", "volume_fp", "ts_ms", "ts", "trade_id", "count_fp", "taker_side", "event_type", "id",
    ];

    private readonly Random _rng = new(seed);
    private long _seq;

    public List<string> Messages(int count)
    {
        var messages = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            string valid = Valid();
            messages.Add(_rng.Next(4) == 0 ? valid : Mutate(valid));
        }

        return messages;
    }

    /// <summary>Damages the UTF-8 bytes of a message: flipped bits, cut multi-byte sequences, stray 0xFF.</summary>
    public byte[] RawBytes(string message)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(message);
        if (bytes.Length == 0)
        {
            return [0xFF];
        }

        int hits = 1 + _rng.Next(3);
        for (int h = 0; h < hits; h++)
        {
            bytes[_rng.Next(bytes.Length)] ^= (byte)(1 << _rng.Next(8));
        }

        return _rng.Next(2) == 0 ? bytes : [.. bytes, 0xC3];
    }

    private string Valid()
    {
        long ms = 1_764_460_800_000 + _rng.Next(1_000_000);
        string price = $"0.{_rng.Next(1, 99):D2}00";
        return _rng.Next(7) switch
        {
            0 => $$$"""{"type":"ticker","sid":{{{tickerSid}}},"msg":{"market_ticker":"{{{ticker}}}","price_dollars":"{{{price}}}","yes_bid_dollars":"0.4500","yes_ask_dollars":"0.5300","yes_bid_size_fp":"300.00","yes_ask_size_fp":"150.00","volume_fp":"33896.00","open_interest_fp":"20422.00","ts_ms":{{{ms}}}}}""",
            1 => $$$"""{"type":"trade","sid":{{{tickerSid + 1}}},"msg":{"market_ticker":"{{{ticker}}}","trade_id":"t-{{{_rng.Next()}}}","yes_price_dollars":"{{{price}}}","no_price_dollars":"0.5200","count_fp":"12.00","taker_side":"no","ts_ms":{{{ms}}}}}""",
            2 => $$$"""{"type":"orderbook_snapshot","sid":{{{orderBookSid}}},"seq":{{{++_seq}}},"msg":{"market_ticker":"{{{ticker}}}","yes_dollars_fp":[["{{{price}}}","300.00"],["0.1000","50.00"]],"no_dollars_fp":[["0.5400","20.00"]]}}""",
            3 or 4 => $$$"""{"type":"orderbook_delta","sid":{{{orderBookSid}}},"seq":{{{++_seq}}},"msg":{"market_ticker":"{{{ticker}}}","price_dollars":"{{{price}}}","delta_fp":"{{{(_rng.Next(2) == 0 ? "" : "-")}}}10.00","side":"{{{(_rng.Next(2) == 0 ? "yes" : "no")}}}","ts_ms":{{{ms}}}}}""",
            5 => $$$"""{"type":"market_lifecycle_v2","sid":{{{tickerSid + 2}}},"msg":{"market_ticker":"{{{ticker}}}","event_type":"{{{(_rng.Next(2) == 0 ? "activated" : "deactivated")}}}","open_ts":1764460000,"close_ts":1764470000}}""",
            _ => $$$"""{"type":"ticker","sid":{{{tickerSid}}},"msg":{"market_ticker":"{{{ticker}}}","yes_bid_dollars":"{{{price}}}","ts_ms":{{{ms}}}}}""",
        };
    }

    private string Mutate(string message)
    {
        var text = new StringBuilder(message);
        int rounds = 1 + _rng.Next(3);
        for (int r = 0; r < rounds; r++)
        {
            switch (_rng.Next(10))
            {
                case 0:
                    text.Length = _rng.Next(text.Length + 1);
                    break;
                case 1:
                    text.Insert(_rng.Next(text.Length + 1), "{}[]\",:\\ 0-.e\u00e9\u20ac"[_rng.Next(15)]);
                    break;
                case 2 when text.Length > 0:
                    text.Remove(_rng.Next(text.Length), 1);
                    break;
                case 3 when text.Length > 1:
                    int a = _rng.Next(text.Length), b = _rng.Next(text.Length);
                    (text[a], text[b]) = (text[b], text[a]);
                    break;
                case 4:
                case 5:
                    ReplaceValue(text);
                    break;
                case 6:
                    string inner = text.ToString();
                    text.Clear().Append(_rng.Next(2) == 0 ? $"[{inner}]" : $"{{\"type\":\"ticker\",\"msg\":{inner}}}");
                    break;
                case 7:
                    text.Append(text.ToString());
                    break;
                case 8:
                    text.Clear().Append(_rng.Next(3) switch { 0 => "", 1 => "null", _ => new string('[', 2_000) });
                    break;
                default:
                    text.Clear().Append(RandomText());
                    break;
            }
        }

        // A cut may split a surrogate pair; a WebSocket text frame must stay valid UTF-8.
        return string.Concat(text.ToString().Where((c, i) => !char.IsSurrogate(c) || IsPaired(text, i)));
    }

    private static bool IsPaired(StringBuilder text, int i) =>
        char.IsHighSurrogate(text[i]) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) : i > 0 && char.IsHighSurrogate(text[i - 1]);

    private void ReplaceValue(StringBuilder text)
    {
        string field = $"\"{Fields[_rng.Next(Fields.Length)]}\":";
        string current = text.ToString();
        int at = current.IndexOf(field, StringComparison.Ordinal);
        if (at < 0)
        {
            return;
        }

        int start = at + field.Length;
        int end = start;
        int depth = 0;
        bool inString = false;
        for (; end < current.Length; end++)
        {
            char c = current[end];
            if (inString)
            {
                if (c == '\\')
                {
                    end++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
            }
            else if (c is '[' or '{')
            {
                depth++;
            }
            else if (c is ']' or '}')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                break;
            }
        }

        text.Remove(start, end - start).Insert(start, OddValues[_rng.Next(OddValues.Length)]);
    }

    private string RandomText()
    {
        var text = new StringBuilder();
        int length = _rng.Next(200);
        for (int i = 0; i < length; i++)
        {
            text.Append((char)_rng.Next(0x20, 0x7F));
        }

        return text.ToString();
    }
}
