using System.Net;
using OpenAmi.Installer.Http;

namespace OpenAmi.Emulator.Installer;

/// <summary>
/// The installer API over the host's <see cref="HttpListener"/> on the loopback interface only (the page is local,
/// like the gateway's own access point). Requests are handled one at a time, as on the device.
/// </summary>
public sealed class InstallerHttpHost : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly InstallerApi _api;
    private readonly Thread _thread;

    public InstallerHttpHost(InstallerApi api, int port)
    {
        _api = api;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _thread = new Thread(Serve) { IsBackground = true, Name = "installer-http" };
        _thread.Start();
    }

    private void Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = _listener.GetContext();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                Answer(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The browser went away mid-answer; the next request is served as usual.
            }
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var request = context.Request;
        byte[] body = ReadBody(request);
        var installerRequest = new InstallerRequest(request.HttpMethod, request.Url!.AbsolutePath, body);
        foreach (string? name in request.Headers.AllKeys)
        {
            if (name != null && request.Headers[name] is string value)
            {
                installerRequest.WithHeader(name, value);
            }
        }

        InstallerResponse response = _api.Handle(installerRequest);
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        context.Response.Headers["Cache-Control"] = "no-store";
        context.Response.ContentLength64 = response.Body.Length;
        context.Response.OutputStream.Write(response.Body);
        context.Response.Close();
    }

    /// <summary>Reads at most one byte more than the API accepts, so an oversized body is refused without being held whole.</summary>
    private static byte[] ReadBody(HttpListenerRequest request)
    {
        var buffer = new byte[InstallerApi.MaxBodyBytes + 1];
        int length = 0;
        int read;
        while (length < buffer.Length && (read = request.InputStream.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        return buffer[..length];
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _thread.Join(TimeSpan.FromSeconds(2));
    }
}
