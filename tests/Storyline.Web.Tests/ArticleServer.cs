using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Storyline.Web.Tests;

/// <summary>A one-page HTTP server on 127.0.0.1 (a loopback address, which URL ingestion must refuse unless allowed).</summary>
public sealed class ArticleServer : IAsyncDisposable
{
    public const string Headline = "Loopback article about cotton";

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;
    private readonly int _failFirst;

    private ArticleServer(int failFirst)
    {
        _failFirst = failFirst;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/article.html";

    /// <summary>How many requests reached the server.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Starts the server; its first <paramref name="failFirst"/> requests are answered 503 (a fetch's retries get the page).</summary>
    public static Task<ArticleServer> StartAsync(int failFirst = 0) => Task.FromResult(new ArticleServer(failFirst));

    private async Task ServeAsync()
    {
        var body = Encoding.UTF8.GetBytes(WebHost.ArticleHtml(Headline, "cotton"));
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { return; }
            var number = Interlocked.Increment(ref _requests);
            using (client)
            {
                var stream = client.GetStream();
                // Read the request head (one GET, no body) up to its blank line.
                var request = new StringBuilder();
                var buffer = new byte[8192];
                int read;
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && (read = await stream.ReadAsync(buffer)) > 0)
                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                if (number <= _failFirst)
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                    continue;
                }
                var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(head);
                await stream.WriteAsync(body);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (Exception) { }
        _stop.Dispose();
    }
}
