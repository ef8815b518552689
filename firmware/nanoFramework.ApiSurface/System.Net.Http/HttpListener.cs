// Upstream: github.com/nanoframework/System.Net.Http tag v1.5.207 (commit b8c4fd1fc3975715bc217488457db15fb07ced73), package
// nanoFramework.System.Net.Http.Server (nanoFramework.System.Net.Http.Server.nuspec: assembly System.Net.Http),
// nanoFramework.System.Net.Http/Http/System.Net.{HttpListener,HttpListenerContext,HttpListenerRequest,
// HttpListenerResponse,WebHeaders}.cs. Only the members the installer's adapter uses.
// Device facts: HttpListener(prefix) listens on port 80 for "http"; GetContext blocks until a connection arrives and
// throws ObjectDisposedException after Close, InvalidOperationException when not started; the request is parsed on
// the first read of Request or Response; ContentLength64 is -1 when the request has no Content-Length; header lookup
// by name ignores ASCII case (HeaderValueCollection.GetValuePair).
using System.IO;

namespace System.Net
{
    public class HttpListener
    {
        public HttpListener(string prefix) { }
        public void Start() => throw null;
        public HttpListenerContext GetContext() => throw null;
    }

    public class HttpListenerContext
    {
        public HttpListenerRequest Request => throw null;
        public HttpListenerResponse Response => throw null;
    }

    public class HttpListenerRequest
    {
        public string HttpMethod => throw null;
        public string RawUrl => throw null;
        public long ContentLength64 => throw null;
        public WebHeaderCollection Headers => throw null;
        public Stream InputStream => throw null;
    }

    public sealed class HttpListenerResponse : IDisposable
    {
        public int StatusCode { get => throw null; set => throw null; }
        public long ContentLength64 { get => throw null; set => throw null; }
        public string ContentType { get => throw null; set => throw null; }
        public Stream OutputStream => throw null;
        public void Close() => throw null;
        void IDisposable.Dispose() => throw null;
    }

    public class WebHeaderCollection
    {
        public string this[string header] => throw null;
    }
}
