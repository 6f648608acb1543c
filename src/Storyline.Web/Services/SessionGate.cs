using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Storyline.Web.Services;

/// <summary>When reads need the key, sends browsers without a session to the sign-in page.</summary>
public sealed class SessionGate(ApiKeys keys) : IAsyncPageFilter
{
    private static readonly HashSet<string> Open = new(StringComparer.OrdinalIgnoreCase) { "/SignIn", "/Error" };

    /// <inheritdoc />
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (keys.ReadsNeedKey && !Open.Contains(context.ActionDescriptor.ViewEnginePath)
            && keys.CheckSession(context.HttpContext.Request) != KeyCheck.Accepted)
        {
            var request = context.HttpContext.Request;
            context.Result = new RedirectResult("/signin?returnUrl=" + Uri.EscapeDataString(request.Path + request.QueryString));
            return;
        }
        await next().ConfigureAwait(false);
    }
}
