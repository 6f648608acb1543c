using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Storyline.Web.Services;

/// <summary>The result of checking a request's credentials.</summary>
public enum KeyCheck
{
    /// <summary>The request presented the configured key (or a session made from it).</summary>
    Accepted,
    /// <summary>The request presented nothing.</summary>
    Missing,
    /// <summary>The request presented something that is not the key.</summary>
    Wrong,
    /// <summary>No key is configured, so the guarded action is disabled.</summary>
    NotConfigured,
}

/// <summary>Checks API keys (header) and browser sessions (cookie) against the operator's key, in constant time.</summary>
public sealed class ApiKeys(IOptions<WebOptions> options)
{
    /// <summary>The header API clients send the key in (<c>Authorization: Bearer</c> works too).</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The browser session cookie set by the sign-in page.</summary>
    public const string CookieName = "storyline_session";

    private const string SessionPurpose = "storyline web session v1";

    /// <summary>True when the operator configured a key.</summary>
    public bool Configured => options.Value.HasApiKey;

    /// <summary>True when reads need the key too.</summary>
    public bool ReadsNeedKey => options.Value.RequireKeyForReads;

    /// <summary>Checks the key an API request presents in <see cref="HeaderName"/> or as a bearer token.</summary>
    public KeyCheck CheckHeader(HttpRequest request)
    {
        string? presented = request.Headers[HeaderName].FirstOrDefault();
        if (string.IsNullOrEmpty(presented) && request.Headers.Authorization.FirstOrDefault() is { } auth
            && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            presented = auth["Bearer ".Length..].Trim();
        return Check(presented);
    }

    /// <summary>Checks a key typed into the sign-in form.</summary>
    public KeyCheck Check(string? presented)
    {
        if (!Configured) return KeyCheck.NotConfigured;
        if (string.IsNullOrEmpty(presented)) return KeyCheck.Missing;
        return FixedTimeEquals(presented, options.Value.ApiKey!) ? KeyCheck.Accepted : KeyCheck.Wrong;
    }

    /// <summary>Checks the browser session cookie.</summary>
    public KeyCheck CheckSession(HttpRequest request)
    {
        if (!Configured) return KeyCheck.NotConfigured;
        var cookie = request.Cookies[CookieName];
        if (string.IsNullOrEmpty(cookie)) return KeyCheck.Missing;
        return FixedTimeEquals(cookie, SessionToken()) ? KeyCheck.Accepted : KeyCheck.Wrong;
    }

    /// <summary>The session cookie value: derived from the key (so changing the key ends every session) without revealing it.</summary>
    public string SessionToken()
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ApiKey!), Encoding.UTF8.GetBytes(SessionPurpose));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Compares in time independent of where the strings differ: both sides are hashed to equal length first.</summary>
    private static bool FixedTimeEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
