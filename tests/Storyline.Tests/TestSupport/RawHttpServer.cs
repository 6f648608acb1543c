using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Storyline.Tests.TestSupport;

/// <summary>A loopback HTTP/1.1 server that writes whatever response head the test gives, byte for byte: HttpListener validates
/// headers such as Location, and hostile servers do not.</summary>
public sealed class RawHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Starts serving; <paramref name="respond"/> maps a request path to the response head (status line and headers) and body.</summary>
    public RawHttpServer(Func<string, (string Head, byte[] Body)> respond)
    {
        _listener.Start();
        Prefix = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch (Exception) { return; }
                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        try
                        {
                            var stream = client.GetStream();
                            var path = await ReadRequestPathAsync(stream);
                            var (head, body) = respond(path);
                            var bytes = Encoding.Latin1.GetBytes($"{head.TrimEnd()}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                            await stream.WriteAsync(bytes);
                            await stream.WriteAsync(body);
                        }
                        catch (Exception) { }
                    }
                });
            }
        });
    }

    /// <summary>The base URL, ending in a slash.</summary>
    public string Prefix { get; }

    /// <summary>Requests served so far.</summary>
    public int Requests => _requests;
    private int _requests;

    /// <summary>A redirect head with the given Location, written as is.</summary>
    public static (string, byte[]) Redirect(string location, int status = 302) => ($"HTTP/1.1 {status} Found\r\nLocation: {location}", []);

    /// <summary>A 200 HTML page.</summary>
    public static (string, byte[]) Html(string html) => ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8", Encoding.UTF8.GetBytes(html));

    private async Task<string> ReadRequestPathAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int n = await stream.ReadAsync(buffer);
            if (n == 0) break;
            head.Append(Encoding.Latin1.GetString(buffer, 0, n));
        }
        Interlocked.Increment(ref _requests);
        var requestLine = head.ToString().Split("\r\n")[0].Split(' ');
        return requestLine.Length > 1 ? requestLine[1] : "/";
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
