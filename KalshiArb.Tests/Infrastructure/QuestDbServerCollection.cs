namespace KalshiArb.Tests.Infrastructure;

/// <summary>
/// Test classes using the shared <see cref="QuestDbFixture"/> server run one after another: one of them stops and
/// restarts that server, which must not happen under another class's feet.
/// </summary>
[CollectionDefinition(Name)]
public sealed class QuestDbServerCollection
{
    public const string Name = "QuestDB server";
}
