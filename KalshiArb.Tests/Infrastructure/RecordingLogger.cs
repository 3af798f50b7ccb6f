using Microsoft.Extensions.Logging;

namespace KalshiArb.Tests.Infrastructure;

/// <summary>A logger that keeps every formatted message (with its exception text), so tests can read what was logged.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, string Text)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Text)> Entries
    {
        get
        {
            lock (_entries)
            {
                return _entries.ToList();
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        string text = formatter(state, exception) + (exception is null ? "" : " " + exception);
        lock (_entries)
        {
            _entries.Add((logLevel, text));
        }
    }
}
