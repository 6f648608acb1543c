using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Storyline.Web.Services;

namespace Storyline.Web.Pages;

/// <summary>Sign in with the operator's API key: sets an HttpOnly, SameSite=Strict session cookie derived from the key.</summary>
[EnableRateLimiting(RateLimits.Writes)]
public sealed class SignInModel(ApiKeys keys) : PageModel
{
    /// <summary>The key typed in.</summary>
    [BindProperty] public string? Key { get; set; }

    /// <summary>Where to go after signing in (local paths only).</summary>
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>A one-line problem, if any.</summary>
    public string? Problem { get; private set; }

    /// <summary>True when a key is configured at all.</summary>
    public bool Configured => keys.Configured;

    /// <summary>Shows the form.</summary>
    public void OnGet() { }

    /// <summary>Checks the key in constant time and starts a session.</summary>
    public IActionResult OnPost()
    {
        switch (keys.Check(Key))
        {
            case KeyCheck.Accepted:
                Response.Cookies.Append(ApiKeys.CookieName, keys.SessionToken(), new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Strict,
                    Secure = Request.IsHttps,
                    Path = "/",
                    IsEssential = true,
                });
                // Only a local path: a crafted returnUrl must not send the user to another site.
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            case KeyCheck.NotConfigured:
                Problem = "No API key is configured, so there is nothing to sign in with.";
                break;
            case KeyCheck.Missing:
                Problem = "Enter the API key.";
                break;
            default:
                Problem = "That is not the API key.";
                break;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    /// <summary>Ends the session.</summary>
    public IActionResult OnPostSignOut()
    {
        Response.Cookies.Delete(ApiKeys.CookieName, new CookieOptions { Path = "/" });
        return LocalRedirect("/");
    }
}
