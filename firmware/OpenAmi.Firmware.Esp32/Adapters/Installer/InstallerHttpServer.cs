using System;
using System.Diagnostics;
using System.Net;
using OpenAmi.Installer.Http;

namespace OpenAmi.Firmware.Esp32.Adapters.Installer
{
    /// <summary>
    /// The installer's page and API over nanoFramework's HTTP listener on port 80 (docs/installer.md). It only
    /// translates: an <see cref="HttpListenerContext"/> becomes an <see cref="InstallerRequest"/> (method, path without
    /// the query, the password header, the body) and the <see cref="InstallerResponse"/> is written back; routing,
    /// authentication and limits stay in the portable <see cref="InstallerApi"/>. Requests are served one at a time on
    /// the caller's thread, so a phone's refreshes cannot pile up on the heap.
    /// </summary>
    public sealed class InstallerHttpServer
    {
        private readonly InstallerApi _api;
        private readonly HttpListener _listener = new HttpListener("http");

        public InstallerHttpServer(InstallerApi api)
        {
            _api = api;
        }

        public void Run()
        {
            _listener.Start();
            while (true)
            {
                HttpListenerContext context = _listener.GetContext();
                try
                {
                    Answer(context);
                }
                catch (Exception ex)
                {
                    // A socket fault (the phone left mid-answer) ends that request, never the server.
                    Debug.WriteLine("installer http: " + ex.Message);
                }
            }
        }

        private void Answer(HttpListenerContext context)
        {
            HttpListenerRequest request = context.Request;
            var installerRequest = new InstallerRequest(request.HttpMethod, PathOf(request.RawUrl), ReadBody(request));
            string password = request.Headers[InstallerApi.PasswordHeader];
            if (password != null)
            {
                installerRequest.WithHeader(InstallerApi.PasswordHeader, password);
            }

            InstallerResponse answer = _api.Handle(installerRequest);
            HttpListenerResponse response = context.Response;
            response.StatusCode = answer.Status;
            response.ContentType = answer.ContentType;
            response.ContentLength64 = answer.Body.Length;
            response.OutputStream.Write(answer.Body, 0, answer.Body.Length);
            response.Close();
        }

        private static string PathOf(string rawUrl)
        {
            int query = rawUrl.IndexOf('?');
            return query < 0 ? rawUrl : rawUrl.Substring(0, query);
        }

        /// <summary>
        /// The declared body, but at most one byte more than the API accepts, so an oversized one is refused (413)
        /// without being held whole. A request without Content-Length has no body: the API takes none but JSON posts.
        /// </summary>
        private static byte[] ReadBody(HttpListenerRequest request)
        {
            long declared = request.ContentLength64;
            if (declared <= 0)
            {
                return new byte[0];
            }

            var body = new byte[declared > InstallerApi.MaxBodyBytes ? InstallerApi.MaxBodyBytes + 1 : (int)declared];
            int length = 0;
            while (length < body.Length)
            {
                int read = request.InputStream.Read(body, length, body.Length - length);
                if (read <= 0)
                {
                    break;
                }

                length += read;
            }

            if (length == body.Length)
            {
                return body;
            }

            var part = new byte[length];
            Array.Copy(body, part, length);
            return part;
        }
    }
}
