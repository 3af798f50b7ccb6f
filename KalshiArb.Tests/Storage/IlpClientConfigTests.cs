using System.ComponentModel.DataAnnotations;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Ingestion.Storage.Ilp;
using KalshiArb.Ingestion.Storage.QuestDb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KalshiArb.Tests.Storage;

public sealed class IlpClientConfigTests
{
    private const string Secret = "s3cret";

    [Fact]
    public void Http_with_basic_auth_and_flush_settings_is_read_key_by_key()
    {
        IlpClientConfig config = IlpClientConfig.Parse("http::addr=db.local:9100;username=ingest;password=p;;w0rd;auto_flush_rows=5000;auto_flush_interval=200;request_timeout=3000;");

        Assert.False(config.Tls);
        Assert.Equal(("db.local", 9100), (config.Host, config.Port));
        Assert.Equal(new Uri("http://db.local:9100/"), config.HttpBaseUri);
        Assert.Equal("ingest", config.Username);
        // ";;" is a literal semicolon inside a value.
        Assert.Equal("p;w0rd", config.Password);
        Assert.Null(config.Token);
        Assert.Equal(5000, config.AutoFlushRows);
        Assert.Equal(TimeSpan.FromMilliseconds(200), config.AutoFlushInterval);
        Assert.Equal(TimeSpan.FromSeconds(3), config.RequestTimeout);
    }

    [Fact]
    public void Basic_auth_header_is_base64_of_user_colon_password_and_a_token_is_a_bearer()
    {
        // base64("admin:quest"): "adm" -> YWRt, "in:" -> aW46, "que" -> cXVl, "st" -> c3Q=.
        Assert.Equal("Basic YWRtaW46cXVlc3Q=", IlpClientConfig.Parse("http::addr=h:9000;username=admin;password=quest;").Authorization()!.ToString());
        Assert.Equal("Bearer abc.def-1", IlpClientConfig.Parse("https::addr=h:443;token=abc.def-1;").Authorization()!.ToString());
        Assert.Null(IlpClientConfig.Parse("http::addr=h:9000;").Authorization());
    }

    [Theory]
    [InlineData("http::addr=localhost;", false, 9000)]
    [InlineData("https::addr=localhost;", true, 9000)]
    [InlineData("http::addr=[::1]:9001;protocol_version=1;auto_flush=on;tls_verify=on;", false, 9001)]
    public void Schemas_and_default_ports_follow_QuestDBs_clients(string conf, bool tls, int port)
    {
        IlpClientConfig config = IlpClientConfig.Parse(conf);
        Assert.Equal((tls, port), (config.Tls, config.Port));
    }

    [Theory]
    [InlineData("addr=h:9000;password=s3cret;", "schema")]
    [InlineData("udp::addr=h:9000;", "Unknown schema")]
    [InlineData("tcps::addr=h:9009;", "ILP over TCP is not supported")]
    [InlineData("tcp::addr=localhost:9009;", "ILP over TCP is not supported")]
    [InlineData("http::username=u;password=s3cret;", "addr")]
    [InlineData("http::addr=h:9000;Username=u;password=s3cret;", "Unknown key \"Username\"")]
    [InlineData("http::addr=h:9000;user=s3cret;", "Unknown key \"user\"")]
    [InlineData("http::addr=h:9000;password=s3cret;", "username and password go together")]
    [InlineData("http::addr=h:9000;username=u;password=s3cret;token=s3cret;", "either token or username/password")]
    [InlineData("http::addr=h:9000;auto_flush=off;password=s3cret;", "auto_flush=off")]
    [InlineData("http::addr=h:9000;protocol_version=2;", "protocol_version")]
    [InlineData("http::addr=h:9000;auto_flush_rows=0;", "auto_flush_rows must be a positive whole number")]
    [InlineData("http::addr=h:9000;auto_flush_interval=1s;", "auto_flush_interval must be")]
    [InlineData("http::addr=h:99999;", "port")]
    [InlineData("http::addr=h:9000;addr=h:9001;", "given twice")]
    [InlineData("http::addr=h:9000;retry_timeout=10000;", "does not support")]
    [InlineData("http::addr=h:9000;password=;", "has no value")]
    public void Malformed_or_unsupported_strings_are_refused_naming_the_key_never_the_secret(string conf, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => IlpClientConfig.Parse(conf));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_shows_who_but_never_a_password_or_token()
    {
        string basic = IlpClientConfig.Parse($"http::addr=h:9000;username=ingest;password={Secret};").ToString();
        string bearer = IlpClientConfig.Parse($"https::addr=h:9000;token={Secret};").ToString();

        Assert.Equal("http::addr=h:9000;username=ingest;password=***;", basic);
        Assert.Equal("https::addr=h:9000;token=***;", bearer);
    }

    [Fact]
    public void The_connection_string_replaces_the_separate_settings_and_names_only_what_it_sets()
    {
        var options = new QuestDbOptions
        {
            HttpUrl = "http://elsewhere:1234",
            Transport = "tcp",
            AutoFlushRows = 1000,
            AutoFlushInterval = TimeSpan.FromMilliseconds(250),
            IlpConnectionString = "http::addr=db:9000;username=u;password=p;auto_flush_rows=20000;",
        };

        IlpClientConfig ilp = options.Ilp();
        IlpWriterOptions writer = options.ToWriterOptions();

        Assert.Equal(("db", 9000), (ilp.Host, ilp.Port));
        Assert.Equal(20000, writer.AutoFlushRows);
        Assert.Equal(TimeSpan.FromMilliseconds(250), writer.AutoFlushInterval);
    }

    [Fact]
    public void Without_a_connection_string_the_separate_settings_apply()
    {
        IlpClientConfig http = new QuestDbOptions { HttpUrl = "https://q.example:9443" }.Ilp();

        Assert.Equal((true, "q.example", 9443), (http.Tls, http.Host, http.Port));
        Assert.Null(http.Authorization());
    }

    [Theory]
    [InlineData("QuestDb:Transport", "tcp")]
    [InlineData("QuestDb:IlpConnectionString", "tcp::addr=db:9009;")]
    public void The_tcp_transport_stops_the_application_at_start_up_with_the_reason(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddKalshiArbIngestion(configuration);
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<QuestDbOptions>>().Value);

        Assert.Contains("ILP over TCP is not supported", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not acknowledge", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_connection_string_fails_validation_at_start_up_without_echoing_the_secret()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QuestDb:IlpConnectionString"] = $"http::addr=db:9000;username=u;pasword={Secret};",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddKalshiArbIngestion(configuration);
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<QuestDbOptions>>().Value);

        Assert.Contains("QuestDb:IlpConnectionString", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown key \"pasword\"", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_connection_string_passes_validation()
    {
        var options = new QuestDbOptions { IlpConnectionString = "http::addr=db:9000;token=t;" };
        var results = new List<ValidationResult>();
        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
    }
}
