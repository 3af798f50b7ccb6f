namespace KalshiArb.Ingestion.Feeds.Odds;

/// <summary>One answer of The Odds API: its status, its body (gunzipped) and its quota headers.</summary>
internal sealed record OddsApiResponse(int Status, byte[] Body, OddsApiQuota Quota);
