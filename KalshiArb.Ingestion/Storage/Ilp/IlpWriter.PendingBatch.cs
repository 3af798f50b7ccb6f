namespace KalshiArb.Ingestion.Storage.Ilp;

internal sealed partial class IlpWriter
{
    /// <summary>A reusable buffer with the receive times of its rows.</summary>
    private sealed class PendingBatch
    {
        private long[] _received = new long[1024];
        private int _receivedCount;

        public IlpBuffer Buffer { get; } = new();

        public ReadOnlySpan<long> ReceivedTicks => _received.AsSpan(0, _receivedCount);

        public void AddReceived(DateTime receivedAt)
        {
            if (_receivedCount == _received.Length)
            {
                Array.Resize(ref _received, _received.Length * 2);
            }

            _received[_receivedCount++] = receivedAt.Ticks;
        }

        public void Clear()
        {
            Buffer.Clear();
            _receivedCount = 0;
        }
    }
}
