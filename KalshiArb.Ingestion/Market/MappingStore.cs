using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// The one writer of mappings: a saved mapping is stored first and then put in force in the
/// <see cref="MappingRegistry"/>; at start the stored ones are loaded; a feed's default mappings are put in force
/// but never stored (they are generated afresh at every start, and a stored edit wins over them).
/// </summary>
public sealed partial class MappingStore(IHistoryStore history, MappingRegistry mappings, ILogger<MappingStore> logger)
{
    /// <summary>Puts the stored mappings in force. A store that does not answer is logged, not thrown: the feeds still start.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        try
        {
            IReadOnlyList<EventMapping> stored = await history.GetMappingsAsync(ct).ConfigureAwait(false);
            foreach (EventMapping mapping in stored)
            {
                mappings.Upsert(mapping);
            }

            LogLoaded(logger, stored.Count, history.Backend);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Detection works on what is mapped, and the user sees the storage error on the Health page.
            LogLoadFailed(logger, ex, history.Backend);
        }
    }

    /// <summary>Stores <paramref name="mapping"/> (one row), then puts it in force; when the store fails it throws and nothing changes.</summary>
    public async Task SaveAsync(EventMapping mapping, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        await history.RecordMappingAsync(mapping, ct).ConfigureAwait(false);
        mappings.Upsert(mapping);
    }

    /// <summary>Puts a feed's generated mappings in force where no mapping (a stored edit) exists for the ticker; stores nothing.</summary>
    public void AddDefaults(IEnumerable<EventMapping> defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        foreach (EventMapping mapping in defaults)
        {
            if (mappings.ForTicker(mapping.KalshiTicker) is null)
            {
                mappings.Upsert(mapping);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} stored mappings from {Backend}")]
    private static partial void LogLoaded(ILogger logger, int count, string backend);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not load stored mappings from {Backend}")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, string backend);
}
