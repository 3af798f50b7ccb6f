using System.Text.Json;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Storage;

/// <summary>An opportunity's line model as stored text (the <c>model</c> column): compact JSON, read back as written.</summary>
internal static class LineModelJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Write(LineModel model) => JsonSerializer.Serialize(model, Json);

    /// <summary>Null for no text; a text that is not a model throws (the row is reported unreadable).</summary>
    public static LineModel? Read(string? text) =>
        string.IsNullOrEmpty(text) ? null : JsonSerializer.Deserialize<LineModel>(text, Json) ?? throw new JsonException("model column holds null");
}
