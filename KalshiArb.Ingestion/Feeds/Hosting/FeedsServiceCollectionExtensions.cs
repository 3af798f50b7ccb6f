using System.Threading.Channels;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Feeds.Kalshi;
using KalshiArb.Ingestion.Feeds.Odds;
using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KalshiArb.Ingestion.Feeds.Hosting;

/// <summary>Registers the feeds as <see cref="IMarketFeed"/> plug-ins and the <see cref="FeedHost"/> that runs them.</summary>
internal static class FeedsServiceCollectionExtensions
{
    /// <summary>
    /// The simulator, Kalshi and odds feeds (each built only when the host starts it, and each reporting why it is
    /// off otherwise), their options and the feed host. Needs a <see cref="ChannelWriter{T}"/> of
    /// <see cref="MarketEvent"/>, the market state and the history store from the other areas. Register it after the
    /// pipeline's hosted services: hosted services stop in reverse order, so the feeds stop first.
    /// </summary>
    public static IServiceCollection AddKalshiArbFeeds(this IServiceCollection services)
    {
        services.AddOptions<FeedHostOptions>().BindConfiguration(FeedHostOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KalshiOptions>().BindConfiguration(KalshiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OddsApiOptions>().BindConfiguration(OddsApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FeedRegistry>();

        services.AddSingleton(provider => new MarketSimulator(
            provider.GetRequiredService<IOptions<SimulatorOptions>>().Value,
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IMarketFeed>(provider => new SimulatorFeed(
            provider.GetRequiredService<IOptions<SimulatorOptions>>().Value,
            provider.GetRequiredService<IOptions<KalshiOptions>>().Value.HasCredentials,
            new Lazy<MarketSimulator>(provider.GetRequiredService<MarketSimulator>),
            provider.GetRequiredService<ChannelWriter<MarketEvent>>(),
            provider.GetRequiredService<MarketCatalog>(),
            provider.GetRequiredService<MappingStore>(),
            provider.GetRequiredService<ILogger<SimulatorFeed>>()));

        services.AddHttpClient(KalshiFeed.FeedName);
        services.AddSingleton(provider => new KalshiRestClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(KalshiFeed.FeedName),
            provider.GetRequiredService<IOptions<KalshiOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<KalshiRestClient>>()));
        services.AddSingleton<KalshiFeeDiscovery>();
        services.AddSingleton<KalshiMissedResults>();
        services.AddSingleton<KalshiMarketProvider>();
        services.AddSingleton<IMarketFeed>(provider => new KalshiFeed(
            provider.GetRequiredService<IOptions<KalshiOptions>>(),
            provider.GetRequiredService<ChannelWriter<MarketEvent>>(),
            provider.GetRequiredService<KalshiMarketProvider>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<KalshiFeed>>(),
            provider.GetRequiredService<IOptions<IngestionLimits>>().Value));

        // The Odds API key travels in the query string: no request logging for that client.
        services.AddHttpClient(OddsApiFeed.FeedName).RemoveAllLoggers();
        services.AddSingleton<IMarketFeed>(provider => new OddsApiFeed(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(OddsApiFeed.FeedName),
            provider.GetRequiredService<IOptions<OddsApiOptions>>(),
            provider.GetRequiredService<ChannelWriter<MarketEvent>>(),
            provider.GetRequiredService<MarketCatalog>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<OddsApiFeed>>(),
            provider.GetRequiredService<IOptions<IngestionLimits>>().Value));

        services.AddHostedService<FeedHost>();
        return services;
    }
}
