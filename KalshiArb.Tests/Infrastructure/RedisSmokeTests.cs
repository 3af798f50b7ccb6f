namespace KalshiArb.Tests.Infrastructure;

public sealed class RedisSmokeTests(RedisFixture redis)
{
    [Fact]
    public async Task The_fixture_redis_stores_and_returns_a_value()
    {
        redis.SkipIfUnavailable();
        var db = redis.Connection!.GetDatabase();
        string key = redis.KeyPrefix + "smoke";
        await db.StringSetAsync(key, "42");
        Assert.Equal("42", (string?)await db.StringGetAsync(key));
        await db.KeyDeleteAsync(key);
    }
}
