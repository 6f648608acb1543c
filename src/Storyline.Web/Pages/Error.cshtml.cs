using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storyline.Web.Pages;

/// <summary>The page shown for error statuses and unhandled exceptions.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    /// <summary>The status shown.</summary>
    public int Status { get; private set; }

    /// <summary>A one-line explanation.</summary>
    public string Message { get; private set; } = "";

    /// <summary>Shows the error for any method (the original request may have been a POST).</summary>
    public void OnGet(int? code) => Describe(code);

    /// <inheritdoc cref="OnGet" />
    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        Status = code ?? (Response.StatusCode >= 400 ? Response.StatusCode : 500);
        Response.StatusCode = Status;
        Message = Status switch
        {
            400 => "The request was not understood. If you sent a form, it may have expired: reload the page and try again.",
            401 => "Sign in with the API key first.",
            403 => "That is not allowed.",
            404 => "There is no such page or document.",
            413 => "That is too large: the upload is over the size limit.",
            429 => "Too many requests from this address; wait a minute and try again.",
            _ => "Something went wrong on the server; its log has the details.",
        };
    }
}
