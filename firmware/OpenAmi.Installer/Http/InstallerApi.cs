using System;
using System.Text;
using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Ports;
using OpenAmi.Installer.Config;
using OpenAmi.Installer.Security;
using OpenAmi.Installer.Site;
using OpenAmi.Json;
using OpenAmi.Platform;

namespace OpenAmi.Installer.Http
{
    /// <summary>
    /// The installer's local HTTP API (routes and answers in docs/installer.md), independent of the server that
    /// carries it: an adapter turns each HTTP request into an <see cref="InstallerRequest"/> and writes the
    /// <see cref="InstallerResponse"/> back. Every /api request needs the board's installer password in
    /// <see cref="PasswordHeader"/>; the page itself holds no data and is served without it. Refusals are JSON
    /// {"error": code, "message": text}; nothing the API writes contains a key or a password.
    /// Requests are handled one at a time (the device's listener and the emulator's adapter both call in series).
    /// </summary>
    public sealed class InstallerApi
    {
        public const string PasswordHeader = "X-Installer-Password";
        public const int MaxBodyBytes = 16384;
        public const int MaxPathLength = 128;
        public const int EventCapacity = 32;

        private const string ApiPrefix = "/api/";

        private readonly IInstallerSite _site;
        private readonly InstallerPassword _password;
        private readonly VerifiedPassword _verified;
        private readonly ConfigSlot _config;
        private readonly IMonotonicClock _clock;
        private readonly byte[] _page;
        private readonly LoginGuard _guard = new LoginGuard();
        private readonly StatusView _status = new StatusView();
        private readonly JsonWriter _json = new JsonWriter(1024);

        /// <param name="password">The provisioned password; null on a board that has none, which answers every /api request 503.</param>
        /// <param name="verified">Where a password PBKDF2 has accepted is kept for the requests after it (RAM only, key drawn at boot).</param>
        /// <param name="page">The page's HTML (CSS and script inline), or null when it is not stored.</param>
        /// <param name="events">The recent events the site adapter records (<see cref="EventCapacity"/> is the usual size).</param>
        public InstallerApi(IInstallerSite site, InstallerPassword password, VerifiedPassword verified, ConfigSlot config, IMonotonicClock clock, byte[] page, EventRing events)
        {
            Events = events;
            _site = site;
            _password = password;
            _verified = verified;
            _config = config;
            _clock = clock;
            _page = page;
        }

        public EventRing Events { get; }

        public LoginGuard Guard => _guard;

        /// <summary>Never throws for anything a client sends: every refusal is a response.</summary>
        public InstallerResponse Handle(InstallerRequest request)
        {
            InstallerResponse response = null;
            try
            {
                response = Route(request);
            }
            catch (InstallerApiException e)
            {
                response = Error(e.Status, e.Code, e.Message);
            }

            return response;
        }

        private InstallerResponse Route(InstallerRequest request)
        {
            string path = request.Path;
            if (path == null || path.Length == 0 || path.Length > MaxPathLength)
            {
                throw new InstallerApiException(414, "path_too_long", "the path is empty or longer than " + MaxPathLength + " characters");
            }

            if (request.Body.Length > MaxBodyBytes)
            {
                throw new InstallerApiException(413, "body_too_large", "a request body is at most " + MaxBodyBytes + " bytes");
            }

            if (path == "/" || path == "/index.html")
            {
                RequireMethod(request, "GET");
                if (_page == null)
                {
                    throw new InstallerApiException(404, "no_page", "the installer page is not stored on this board");
                }

                return new InstallerResponse(200, "text/html; charset=utf-8", _page);
            }

            if (!path.StartsWith(ApiPrefix))
            {
                throw NotFound(path);
            }

            Authenticate(request);
            string[] parts = path.Substring(ApiPrefix.Length).Split('/');
            string resource = parts[0];
            if (parts.Length == 1)
            {
                return Collection(request, resource);
            }

            if (parts.Length == 2 && resource == "clocks" && parts[1] == "check")
            {
                RequireMethod(request, "POST");
                return Accepted("meters", _site.CheckClocks());
            }

            if (parts.Length == 2 && resource == "config" && parts[1] == "rollback")
            {
                RequireMethod(request, "POST");
                if (!_config.Rollback())
                {
                    throw new InstallerApiException(409, "no_previous", "there is no previous configuration to return to");
                }

                return Applied();
            }

            if (parts.Length == 3)
            {
                return Action(request, resource, parts[1], parts[2]);
            }

            throw NotFound(path);
        }

        private InstallerResponse Collection(InstallerRequest request, string resource)
        {
            if (resource == "config")
            {
                RequireMethod(request, "POST");
                return UploadConfig(request.Body);
            }

            RequireMethod(request, "GET");
            _json.Reset();
            switch (resource)
            {
                case "status":
                    _site.ReadStatus(_status);
                    ViewJson.Status(_json, _status);
                    break;
                case "meters":
                    _json.BeginArray();
                    for (int i = 0; i < _site.MeterCount; i++)
                    {
                        ViewJson.Meter(_json, _site.Meter(i));
                    }

                    _json.EndArray();
                    break;
                case "lines":
                    _json.BeginArray();
                    for (int i = 0; i < _site.LineCount; i++)
                    {
                        ViewJson.Line(_json, _site.Line(i));
                    }

                    _json.EndArray();
                    break;
                case "events":
                    ViewJson.Events(_json, Events);
                    break;
                default:
                    throw NotFound(request.Path);
            }

            return Json(200);
        }

        private InstallerResponse Action(InstallerRequest request, string resource, string id, string verb)
        {
            RequireMethod(request, "POST");
            if (resource == "meters" && verb == "read")
            {
                int queued = _site.ReadNow(id);
                if (queued < 0)
                {
                    throw new InstallerApiException(404, "unknown_meter", "no meter " + id + " in the configuration");
                }

                return Accepted("reads", queued);
            }

            if (resource == "buses" && verb == "scan")
            {
                if (!_site.ScanBus(id))
                {
                    throw new InstallerApiException(404, "unknown_bus", "no bus " + id + " in the configuration");
                }

                return Accepted("bus", 1);
            }

            if (resource == "lines")
            {
                int line = ParseLine(id);
                if (verb == "self-test")
                {
                    if (!_site.SelfTest(line))
                    {
                        throw new InstallerApiException(404, "unknown_line", "no tenant line " + id);
                    }

                    return Accepted("line", line);
                }

                if (verb == "reconnect" || verb == "energise" || verb == "close")
                {
                    throw new InstallerApiException(403, "not_local", "a tenant line is re-energised only through the safety policy from the head-end, never from this page");
                }
            }

            throw NotFound(request.Path);
        }

        private InstallerResponse UploadConfig(byte[] body)
        {
            string text;
            try
            {
                text = Encoding.UTF8.GetString(body, 0, body.Length);
            }
            catch (Exception)
            {
                throw new InstallerApiException(400, "not_utf8", "the configuration is not UTF-8 text");
            }

            ConfigLoadResult result = _config.Upload(text, _site.KnownProfiles);
            if (result.IsValid)
            {
                return Applied();
            }

            _json.Reset();
            _json.BeginObject();
            _json.Property("error", "invalid_config");
            _json.Property("message", "the configuration was not applied; nothing changed");
            _json.Name("errors");
            _json.BeginArray();
            for (int i = 0; i < result.Errors.Count; i++)
            {
                _json.String(result.Error(i).ToString());
            }

            _json.EndArray();
            _json.EndObject();
            return Json(422);
        }

        private void Authenticate(InstallerRequest request)
        {
            long now = _clock.NowMs;
            if (_password == null)
            {
                throw new InstallerApiException(503, "no_password", "this board has no installer password provisioned");
            }

            if (_guard.IsLocked(now))
            {
                _verified.Forget();
                throw LockedOut(now);
            }

            string candidate = request.Header(PasswordHeader);
            if (candidate == null)
            {
                throw new InstallerApiException(401, "password_required", "send the installer password");
            }

            if (_verified.Holds(candidate))
            {
                _guard.Right();
                return;
            }

            // Anything but the password last verified pays the full derivation, as every request did before.
            if (_password.Matches(candidate))
            {
                _verified.Remember(candidate);
                _guard.Right();
                return;
            }

            _verified.Forget();
            _guard.Wrong(now);
            if (_guard.IsLocked(now))
            {
                throw LockedOut(now);
            }

            throw new InstallerApiException(401, "bad_password", "wrong installer password");
        }

        private InstallerApiException LockedOut(long now)
        {
            long seconds = (_guard.RemainingMs(now) + 999) / 1000;
            return new InstallerApiException(429, "locked_out", "too many wrong passwords; try again in " + seconds + " s");
        }

        private static int ParseLine(string text)
        {
            if (text.Length == 0 || text.Length > 3)
            {
                throw new InstallerApiException(400, "bad_line", "a tenant line is a number");
            }

            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    throw new InstallerApiException(400, "bad_line", "a tenant line is a number");
                }

                value = value * 10 + (c - '0');
            }

            return value;
        }

        private static void RequireMethod(InstallerRequest request, string method)
        {
            if (request.Method != method)
            {
                throw new InstallerApiException(405, "method_not_allowed", request.Path + " takes " + method);
            }
        }

        private static InstallerApiException NotFound(string path) =>
            new InstallerApiException(404, "not_found", "no such resource: " + path);

        private InstallerResponse Accepted(string name, long value)
        {
            _json.Reset();
            _json.BeginObject();
            _json.Property("accepted", true);
            _json.Property(name, value);
            _json.EndObject();
            return Json(202);
        }

        private InstallerResponse Applied()
        {
            _json.Reset();
            _json.BeginObject();
            _json.Property("applied", true);
            _json.Property("restartRequired", true);
            _json.Property("previousKept", _config.HasPrevious);
            _json.EndObject();
            return Json(200);
        }

        private InstallerResponse Error(int status, string code, string message)
        {
            _json.Reset();
            _json.BeginObject();
            _json.Property("error", code);
            _json.Property("message", message);
            _json.EndObject();
            return Json(status);
        }

        private InstallerResponse Json(int status) => new InstallerResponse(status, InstallerResponse.JsonType, _json.ToArray());
    }
}
