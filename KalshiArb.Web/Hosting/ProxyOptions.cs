using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace KalshiArb.Web.Hosting;

/// <summary>
/// Configuration section "ForwardedHeaders": the reverse proxies (TLS terminators) whose X-Forwarded-Proto and
/// X-Forwarded-For are believed. Loopback is always trusted. Behind such a proxy the request counts as HTTPS, so
/// the login and anti-forgery cookies are marked Secure and rate limits see the real client address.
/// </summary>
internal sealed class ProxyOptions : IValidatableObject
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>IP addresses of trusted proxies; empty entries are ignored.</summary>
    public List<string> KnownProxies { get; init; } = [];

    /// <summary>Checked at start (ValidateOnStart), so a mistyped proxy stops the app with its value, not on the first request.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p) && !IPAddress.TryParse(p.Trim(), out _))
            .Select(p => new ValidationResult($"ForwardedHeaders:KnownProxies: \"{p}\" is not an IP address.", [nameof(KnownProxies)]));

    public void Apply(ForwardedHeadersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        foreach (string proxy in KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy.Trim(), out IPAddress? address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: \"{proxy}\" is not an IP address."));
        }
    }
}
