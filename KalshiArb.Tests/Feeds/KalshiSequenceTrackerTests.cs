using KalshiArb.Ingestion.Feeds.Kalshi;

namespace KalshiArb.Tests.Feeds;

public sealed class KalshiSequenceTrackerTests
{
    [Fact]
    public void Deltas_in_sequence_apply_after_a_snapshot()
    {
        var tracker = new KalshiSequenceTracker();

        Assert.Equal(SequenceVerdict.AwaitingSnapshot, tracker.OnDelta(1, 1, "A"));
        Assert.True(tracker.OnSnapshot(1, 5, "A").Restored);
        Assert.Equal(SequenceVerdict.Apply, tracker.OnDelta(1, 6, "A"));
        Assert.Equal(SequenceVerdict.Apply, tracker.OnDelta(1, 7, "A"));
        Assert.True(tracker.IsTrusted("A"));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(6)]
    [InlineData(5)]
    public void Skipped_or_repeated_sequence_is_a_gap(long seq)
    {
        var tracker = new KalshiSequenceTracker();
        tracker.OnSnapshot(1, 5, "A");
        tracker.OnDelta(1, 6, "A");

        Assert.Equal(SequenceVerdict.Gap, tracker.OnDelta(1, seq, "A"));
    }

    [Fact]
    public void Invalidation_untrusts_every_market_of_the_subscription_until_its_own_snapshot()
    {
        var tracker = new KalshiSequenceTracker();
        tracker.OnSnapshot(1, 1, "A");
        tracker.OnSnapshot(1, 2, "B");
        tracker.OnSnapshot(2, 1, "C");

        Assert.Equal(["A", "B"], tracker.Invalidate(1).Order());
        Assert.True(tracker.IsTrusted("C"));
        Assert.Equal(SequenceVerdict.AwaitingSnapshot, tracker.OnDelta(1, 9, "A"));

        // A's snapshot resets the sid's sequence; B's deltas keep the sequence but are dropped until B's own snapshot.
        Assert.True(tracker.OnSnapshot(1, 10, "A").Restored);
        Assert.Equal(SequenceVerdict.Apply, tracker.OnDelta(1, 11, "A"));
        Assert.Equal(SequenceVerdict.AwaitingSnapshot, tracker.OnDelta(1, 12, "B"));
        Assert.True(tracker.OnSnapshot(1, 13, "B").Restored);
        Assert.Equal(SequenceVerdict.Apply, tracker.OnDelta(1, 14, "B"));
        Assert.False(tracker.OnSnapshot(1, 15, "B").Restored);
    }

    [Fact]
    public void Snapshot_out_of_sequence_untrusts_the_other_markets_of_its_subscription()
    {
        var tracker = new KalshiSequenceTracker();
        tracker.OnSnapshot(1, 1, "A");
        tracker.OnSnapshot(1, 2, "B");
        Assert.Equal(SequenceVerdict.Apply, tracker.OnDelta(1, 3, "B"));

        // seq 4 (a delta for A) was lost; B's next snapshot comes as 5.
        SnapshotOutcome outcome = tracker.OnSnapshot(1, 5, "B");

        Assert.True(outcome.Gap);
        Assert.False(outcome.Restored);
        Assert.Equal(["A"], outcome.Lost);
        Assert.False(tracker.IsTrusted("A"));
        Assert.True(tracker.IsTrusted("B"));
        Assert.Equal(SequenceVerdict.Apply, tracker.OnDelta(1, 6, "B"));
        Assert.Equal(SequenceVerdict.AwaitingSnapshot, tracker.OnDelta(1, 7, "A"));
    }

    [Fact]
    public void Control_replies_take_their_place_in_the_sequence()
    {
        var tracker = new KalshiSequenceTracker();
        tracker.OnSnapshot(1, 1, "A");

        Assert.Equal(SequenceVerdict.Apply, tracker.OnControl(1, 2));
        Assert.Equal(SequenceVerdict.Apply, tracker.OnDelta(1, 3, "A"));
        Assert.Equal(SequenceVerdict.Gap, tracker.OnControl(1, 5));
        Assert.Equal(SequenceVerdict.AwaitingSnapshot, tracker.OnControl(2, 1));
    }

    [Fact]
    public void Reset_returns_the_trusted_markets_and_forgets_all()
    {
        var tracker = new KalshiSequenceTracker();
        tracker.OnSnapshot(1, 1, "A");
        tracker.OnSnapshot(2, 1, "B");

        Assert.Equal(["A", "B"], tracker.Reset().Order());
        Assert.Empty(tracker.TrustedTickers);
        Assert.Equal(SequenceVerdict.AwaitingSnapshot, tracker.OnDelta(1, 2, "A"));
    }
}
