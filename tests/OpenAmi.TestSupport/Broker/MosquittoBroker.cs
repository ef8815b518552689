using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;


namespace OpenAmi.TestSupport;

/// <summary>
/// A private Debian mosquitto for one test: free loopback port, generated config with persistence, optional TLS
/// listener with a throw-away CA made by openssl. Missing mosquitto or openssl fails the test (never skips).
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("openami-mosquitto-").FullName;
    private Process? _process;

    public MosquittoBroker(bool tls = false)
    {
        Port = LoopbackPort.Free();
        List<string> config =
        [
            $"listener {Port} 127.0.0.1",
            "allow_anonymous true",
            "persistence true",
            $"persistence_location {_directory}/",
            "log_dest none",
            // Started as root, mosquitto drops to user "mosquitto", which cannot read this private temp directory.
            $"user {Environment.UserName}",
        ];
        if (tls)
        {
            TlsPort = LoopbackPort.Free();
            MakeCertificates();
            config.AddRange([$"listener {TlsPort} 127.0.0.1", $"cafile {CaCertificatePath}", $"certfile {_directory}/server.crt", $"keyfile {_directory}/server.key"]);
        }

        File.WriteAllLines(Path.Combine(_directory, "mosquitto.conf"), config);
        Start();
    }

    public int Port { get; }

    public int TlsPort { get; }

    public string CaCertificatePath => Path.Combine(_directory, "ca.crt");

    public void Start()
    {
        _process = Process.Start(new ProcessStartInfo(Tool("mosquitto", "/usr/sbin/mosquitto"), ["-c", Path.Combine(_directory, "mosquitto.conf")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("mosquitto did not start");
        WaitForPort(Port);
    }

    /// <summary>SIGTERM: mosquitto saves its persistence file (sessions, queued QoS 1) and exits.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _ = Kill(_process.Id, 15);
            if (!_process.WaitForExit(10000))
            {
                _process.Kill();
            }
        }
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort clean-up of a temp directory.
        }
    }

    /// <summary>Absolute path of a required tool; throws (failing the test) when it is not installed.</summary>
    public static string Tool(string name, string debianPath)
    {
        if (File.Exists(debianPath))
        {
            return debianPath;
        }

        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{name} is required for the MQTT integration tests: apt-get install -y mosquitto mosquitto-clients openssl");
    }

    public static string Run(string tool, string workingDirectory, params string[] arguments)
    {
        ProcessStartInfo start = new(tool, arguments) { WorkingDirectory = workingDirectory, RedirectStandardError = true, RedirectStandardOutput = true };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed: {output}");
        }

        return output;
    }

    private void MakeCertificates()
    {
        string openssl = Tool("openssl", "/usr/bin/openssl");
        File.WriteAllText(Path.Combine(_directory, "san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        Run(openssl, _directory, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=OpenAMI Test CA");
        Run(openssl, _directory, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
        Run(openssl, _directory, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "san.ext");
    }

    private static void WaitForPort(int port)
    {
        Stopwatch watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using TcpClient probe = new();
                probe.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"mosquitto did not listen on {port}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>mosquitto_sub as an independent subscriber; every message as (topic, qos, retained, payload).</summary>
public sealed class MosquittoSubscriber : IDisposable
{
    private readonly Process _process;

    public MosquittoSubscriber(int port, string filter, string? persistentClientId = null)
    {
        List<string> arguments = ["-h", "127.0.0.1", "-p", port.ToString(), "-q", "1", "-t", filter, "-F", "%t|%q|%r|%p"];
        if (persistentClientId != null)
        {
            arguments.AddRange(["-c", "-i", persistentClientId]);
        }

        _process = Process.Start(new ProcessStartInfo(MosquittoBroker.Tool("mosquitto_sub", "/usr/bin/mosquitto_sub"), arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                string[] parts = line.Split('|', 4);
                Messages.Enqueue((parts[0], int.Parse(parts[1]), parts[2] == "1", parts[3]));
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public ConcurrentQueue<(string Topic, int Qos, bool Retained, string Payload)> Messages { get; } = new();

    /// <summary>
    /// Publishes probes on <paramref name="probeTopic"/> (which the filter must match) until one comes back: only
    /// then is the SUBSCRIBE in force, so nothing published afterwards can be missed.
    /// </summary>
    public void WaitUntilSubscribed(int port, string probeTopic, TimeSpan patience)
    {
        string pub = MosquittoBroker.Tool("mosquitto_pub", "/usr/bin/mosquitto_pub");
        var deadline = DateTime.UtcNow + patience;
        do
        {
            MosquittoBroker.Run(pub, "/", "-h", "127.0.0.1", "-p", port.ToString(), "-t", probeTopic, "-m", "x");
            if (WaitFor(m => m.Any(x => x.Topic == probeTopic), TimeSpan.FromMilliseconds(300)))
            {
                return;
            }
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"mosquitto_sub did not receive its probe on {probeTopic} within {patience}");
    }

    public bool WaitFor(Func<IReadOnlyList<(string Topic, int Qos, bool Retained, string Payload)>, bool> condition, TimeSpan timeout)
    {
        Stopwatch watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (condition(Messages.ToArray()))
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return condition(Messages.ToArray());
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
