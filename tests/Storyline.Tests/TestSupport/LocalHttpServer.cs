using System.Net;
using System.Net.Sockets;

namespace Storyline.Tests.TestSupport;

/// <summary>A tiny HTTP server on 127.0.0.1 with a handler per request, for fetch tests; bounded to the test's lifetime.</summary>
public sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Starts serving on a free loopback port.</summary>
    public LocalHttpServer(Func<HttpListenerContext, Task> handler)
    {
        var port = FreePort();
        Prefix = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Prefix);
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) { return; }
                _ = Task.Run(async () =>
                {
                    try { await handler(context); context.Response.Close(); }
                    catch (Exception) { try { context.Response.Abort(); } catch (ObjectDisposedException) { } }
                });
            }
        });
    }

    /// <summary>The base URL, ending in a slash.</summary>
    public string Prefix { get; }

    /// <summary>Writes a body with a content type.</summary>
    public static async Task Respond(HttpListenerContext context, string contentType, byte[] body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }
}
