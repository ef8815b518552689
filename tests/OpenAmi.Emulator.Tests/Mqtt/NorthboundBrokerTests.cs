using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using OpenAmi.Emulator.Mqtt;
using OpenAmi.Emulator.Storage;
using OpenAmi.Json;
using OpenAmi.Northbound;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Mqtt;
using OpenAmi.Northbound.Outbox;
using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Emulator.Tests.Mqtt;

/// <summary>The gateway's northbound stack (portable Uplink + outbox + host MQTT client) against a real mosquitto.</summary>
public sealed class NorthboundBrokerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _storeDirectory = Directory.CreateTempSubdirectory("openami-outbox-").FullName;
    private readonly Topics _topics = new("feeder-1", "gw-it");

    private sealed class Clock : IWallClock
    {
        public DateTime UtcNow => DateTime.UtcNow;

        public bool IsSynchronized => true;
    }

    private sealed class Info : IGatewayInfo
    {
        public string FirmwareVersion => "0.1.0";

        public long UptimeSeconds => 5;

        public int SignalDbm => -61;
    }

    private (Uplink Uplink, MqttNetLink Client, Outbox Outbox) Gateway(int port, X509Certificate2? ca = null, string clientId = "gw-it")
    {
        MqttNetLink client = new("127.0.0.1", port, ca);
        Outbox outbox = new(new HostFileStore(_storeDirectory), 256 * 1024, 16 * 1024);
        MqttConnectOptions options = new() { ClientId = clientId, CleanSession = false, KeepAliveSeconds = 5 };
        Uplink uplink = new(client, options, _topics, outbox, 8, new ReconnectBackoff(200, 1000, 1), new Clock(), new Info());
        return (uplink, client, outbox);
    }

    private static void TickUntil(Uplink uplink, Func<bool> done, TimeSpan timeout)
    {
        Stopwatch watch = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(watch.Elapsed < timeout, "timed out; last link error: " + uplink.LastError);
            uplink.Tick(Environment.TickCount64);
            Thread.Sleep(10);
        }
    }

    private static byte[] Envelope(string meter, int n)
    {
        JsonWriter writer = new();
        EnvelopeRegister[] readings = [EnvelopeRegister.OfInteger("96.1.0", n, "count", Quality.Good), EnvelopeRegister.OfNumber("1.8.0", 1000 + (n / 10.0), "kWh", Quality.Good)];
        TelemetryEnvelope.Write(writer, new Topics("feeder-1", "gw-it"), meter, DateTime.UtcNow, readings, readings.Length, null);
        return writer.ToArray();
    }

    private static int CounterOf(string payload) => (int)JsonParser.Parse(payload).Require("registers")[0].GetLong("value");

    private static void WaitSubscribed(MosquittoSubscriber subscriber, int port)
    {
        // Publish a probe until the subscriber shows it: only then is its SUBSCRIBE in force.
        string pub = MosquittoBroker.Tool("mosquitto_pub", "/usr/bin/mosquitto_pub");
        Stopwatch watch = Stopwatch.StartNew();
        while (!subscriber.Messages.Any(m => m.Topic == "openami/v1/probe"))
        {
            Assert.True(watch.Elapsed < Patience, "subscriber never saw the probe");
            MosquittoBroker.Run(pub, "/", "-h", "127.0.0.1", "-p", port.ToString(), "-t", "openami/v1/probe", "-m", "x");
            subscriber.WaitFor(m => m.Any(x => x.Topic == "openami/v1/probe"), TimeSpan.FromMilliseconds(300));
        }
    }

    [Fact]
    public void Telemetry_goes_out_on_the_profile_topic_at_qos1_with_a_retained_birth()
    {
        using MosquittoBroker broker = new();
        using MosquittoSubscriber subscriber = new(broker.Port, "openami/v1/#");
        WaitSubscribed(subscriber, broker.Port);
        var (uplink, client, outbox) = Gateway(broker.Port);
        using (client)
        {
            TickUntil(uplink, () => client.IsConnected, Patience);
            byte[] envelope = Envelope("M1", 1);
            uplink.Emit(_topics.Telemetry("M1"), envelope, 0, envelope.Length);
            TickUntil(uplink, () => outbox.Depth == 0, Patience);

            Assert.True(subscriber.WaitFor(m => m.Any(x => x.Topic.EndsWith("/telemetry")), Patience));
            var telemetry = subscriber.Messages.Single(m => m.Topic == "openami/v1/feeder-1/gw-it/meter/M1/telemetry");
            Assert.Equal(1, telemetry.Qos);
            Assert.Equal(Encoding.UTF8.GetString(envelope), telemetry.Payload);
            var birth = subscriber.Messages.Single(m => m.Topic == "openami/v1/feeder-1/gw-it/status");
            Assert.Equal("online", JsonParser.Parse(birth.Payload).GetString("state"));

            // A subscriber arriving later still gets the status: it is retained.
            using MosquittoSubscriber late = new(broker.Port, _topics.Status);
            Assert.True(late.WaitFor(m => m.Any(x => x.Retained && x.Payload.Contains("\"state\":\"online\"")), Patience));
        }
    }

    [Fact]
    public void An_unclean_drop_makes_the_broker_publish_the_retained_offline_will()
    {
        using MosquittoBroker broker = new();
        var (uplink, client, _) = Gateway(broker.Port);
        TickUntil(uplink, () => client.IsConnected, Patience);
        using MosquittoSubscriber watcher = new(broker.Port, _topics.Status);
        Assert.True(watcher.WaitFor(m => m.Any(x => x.Payload.Contains("online")), Patience));

        client.Abort(); // no DISCONNECT: as if the gateway lost power

        Assert.True(watcher.WaitFor(m => m.Any(x => x.Payload.Contains("\"state\":\"offline\"")), Patience));
        using MosquittoSubscriber late = new(broker.Port, _topics.Status);
        Assert.True(late.WaitFor(m => m.Any(x => x.Retained && JsonParser.Parse(x.Payload).GetString("state") == "offline"), Patience));
    }

    [Fact]
    public void A_clean_stop_publishes_offline_itself()
    {
        using MosquittoBroker broker = new();
        var (uplink, client, _) = Gateway(broker.Port);
        TickUntil(uplink, () => client.IsConnected, Patience);
        uplink.Stop();
        using MosquittoSubscriber late = new(broker.Port, _topics.Status);
        Assert.True(late.WaitFor(m => m.Any(x => x.Retained && x.Payload.Contains("\"state\":\"offline\"")), Patience));
    }

    [Fact]
    public void Broker_down_mid_stream_then_back_loses_no_envelope_and_keeps_order_per_meter()
    {
        using MosquittoBroker broker = new();
        using MosquittoSubscriber subscriber = new(broker.Port, "openami/v1/feeder-1/gw-it/meter/+/telemetry", "head-end-1");
        Thread.Sleep(500);
        var (uplink, client, outbox) = Gateway(broker.Port);
        using (client)
        {
            TickUntil(uplink, () => client.IsConnected, Patience);
            string[] meters = ["M1", "M2", "M3"];
            const int PerMeter = 60;
            for (int n = 1; n <= PerMeter; n++)
            {
                foreach (string meter in meters)
                {
                    byte[] envelope = Envelope(meter, n);
                    uplink.Emit(_topics.Telemetry(meter), envelope, 0, envelope.Length);
                }

                uplink.Tick(Environment.TickCount64);
                if (n == 20)
                {
                    broker.Stop(); // mid-stream, with publishes in flight
                }

                if (n == 40)
                {
                    broker.Start();
                }

                Thread.Sleep(5);
            }

            TickUntil(uplink, () => client.IsConnected && outbox.Depth == 0, Patience);

            foreach (string meter in meters)
            {
                string topic = _topics.Telemetry(meter);
                Assert.True(subscriber.WaitFor(m => m.Where(x => x.Topic == topic).Select(x => CounterOf(x.Payload)).Distinct().Count() == PerMeter, Patience),
                    $"{meter}: got {string.Join(',', subscriber.Messages.Where(x => x.Topic == topic).Select(x => CounterOf(x.Payload)))}");
                int[] firstSeen = subscriber.Messages.Where(x => x.Topic == topic).Select(x => CounterOf(x.Payload)).Distinct().ToArray();
                Assert.Equal(Enumerable.Range(1, PerMeter), firstSeen);
            }
        }
    }

    [Fact]
    public void Tls_with_the_test_ca_works_and_a_foreign_ca_is_refused()
    {
        using MosquittoBroker broker = new(tls: true);
        using MosquittoSubscriber subscriber = new(broker.Port, "openami/v1/#");
        WaitSubscribed(subscriber, broker.Port);
        X509Certificate2 ca = X509CertificateLoader.LoadCertificateFromFile(broker.CaCertificatePath);
        var (uplink, client, outbox) = Gateway(broker.TlsPort, ca);
        using (client)
        {
            TickUntil(uplink, () => client.IsConnected, Patience);
            byte[] envelope = Envelope("M9", 9);
            uplink.Emit(_topics.Telemetry("M9"), envelope, 0, envelope.Length);
            TickUntil(uplink, () => outbox.Depth == 0, Patience);
            Assert.True(subscriber.WaitFor(m => m.Any(x => x.Topic == _topics.Telemetry("M9") && x.Payload == Encoding.UTF8.GetString(envelope)), Patience));
        }

        using X509Certificate2 foreign = CertificateRequestHelper.SelfSignedCa();
        using MqttNetLink wrong = new("127.0.0.1", broker.TlsPort, foreign);
        Assert.Throws<NorthboundException>(() => wrong.Connect(new MqttConnectOptions { ClientId = "intruder", CleanSession = true }));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_storeDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

internal static class CertificateRequestHelper
{
    public static X509Certificate2 SelfSignedCa()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        CertificateRequest request = new("CN=Some Other CA", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
