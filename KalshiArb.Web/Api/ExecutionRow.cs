using System.Text.Json;
using System.Text.Json.Serialization;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Web.Api;

/// <summary>
/// One item of <c>GET /api/executions</c>: the execution's own fields, as before, and <c>quoteAtFill</c> beside them
/// (written flat, so clients of the earlier shape read the same fields).
/// </summary>
[JsonConverter(typeof(ExecutionRowConverter))]
internal sealed record ExecutionRow(Execution Execution, QuoteAtFill? QuoteAtFill);

/// <summary>Writes an <see cref="ExecutionRow"/> as the execution's object with one more member; rows are only ever written.</summary>
internal sealed class ExecutionRowConverter : JsonConverter<ExecutionRow>
{
    public override ExecutionRow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Execution rows are answers, never read.");

    public override void Write(Utf8JsonWriter writer, ExecutionRow value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        using JsonDocument execution = JsonSerializer.SerializeToDocument(value.Execution, options);
        writer.WriteStartObject();
        foreach (JsonProperty property in execution.RootElement.EnumerateObject())
        {
            property.WriteTo(writer);
        }

        writer.WritePropertyName(options.PropertyNamingPolicy?.ConvertName(nameof(ExecutionRow.QuoteAtFill)) ?? nameof(ExecutionRow.QuoteAtFill));
        JsonSerializer.Serialize(writer, value.QuoteAtFill, options);
        writer.WriteEndObject();
    }
}
