using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using OpenAmi.Northbound;
using OpenAmi.Northbound.Mqtt;

namespace OpenAmi.Emulator.Mqtt;

/// <summary>
/// The northbound <see cref="IMqttLink"/> port on the host, over MQTTnet speaking MQTT 3.1.1 (the device keeps its
/// M2Mqtt adapter). Optional TLS trusts only the given CA. MQTTnet numbers packets itself: the caller's packet
/// identifier is the handle <see cref="PublishAcknowledged"/> reports when MQTTnet's PUBACK wait ends, so the
/// portable outbox keeps its window and its DUP re-sends after a reconnect. Every <see cref="Connect"/> opens a
/// fresh MQTTnet client; events of an abandoned one are ignored.
/// </summary>
public sealed class MqttNetLink : IMqttLink, IDisposable
{
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    private readonly string _host;
    private readonly int _port;
    private readonly X509Certificate2? _caCertificate;
    private readonly object _sync = new();
    private IMqttClient? _client;
    private int _unacknowledged;

    public MqttNetLink(string host, int port, X509Certificate2? caCertificate = null)
    {
        _host = host;
        _port = port;
        _caCertificate = caCertificate;
    }

    public event MqttMessageHandler? MessageReceived;

    public event MqttAckHandler? PublishAcknowledged;

    public event MqttLinkHandler? ConnectionLost;

    public bool IsConnected => Current()?.IsConnected == true;

    /// <summary>QoS 1 publishes sent on this link's present connection and not yet PUBACKed.</summary>
    public int UnacknowledgedCount => Volatile.Read(ref _unacknowledged);

    /// <summary>A new, unconnected link to the same broker (e.g. the emulator's head-end beside its gateway).</summary>
    public MqttNetLink Sibling() => new(_host, _port, _caCertificate);

    public void Connect(MqttConnectOptions options)
    {
        Abort();

        // A publish of an earlier connection is never acknowledged on this one (the outbox re-sends it).
        Volatile.Write(ref _unacknowledged, 0);
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += received =>
        {
            if (ReferenceEquals(client, Current()))
            {
                byte[] payload = received.ApplicationMessage.Payload.ToArray();
                MessageReceived?.Invoke(received.ApplicationMessage.Topic, payload, 0, payload.Length);
            }

            return Task.CompletedTask;
        };
        client.DisconnectedAsync += disconnected =>
        {
            if (disconnected.ClientWasConnected && ReferenceEquals(client, Current()))
            {
                ConnectionLost?.Invoke();
            }

            return Task.CompletedTask;
        };
        lock (_sync)
        {
            _client = client;
        }

        try
        {
            // A refused CONNACK is an MqttConnectingFailedException, a failed TLS handshake an AuthenticationException.
            client.ConnectAsync(ClientOptions(options)).GetAwaiter().GetResult();
        }
        catch (Exception error) when (IsLinkFailure(error))
        {
            Abort();
            throw new NorthboundException($"cannot connect to {_host}:{_port}: {error.GetBaseException().Message}", error);
        }
    }

    public void Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain, int packetId, bool duplicate)
    {
        IMqttClient client = ConnectedClient();
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.AsSpan(offset, count).ToArray())
            .WithQualityOfServiceLevel(qos == 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
            .WithRetainFlag(retain)
            .Build();
        message.Dup = duplicate;
        if (qos != 1)
        {
            Await(client.PublishAsync(message), "publish");
            return;
        }

        Interlocked.Increment(ref _unacknowledged);
        client.PublishAsync(message).ContinueWith(
            sent =>
            {
                // A publish lost with its connection stays unacknowledged: the outbox re-sends it after the reconnect.
                if (sent.IsCompletedSuccessfully && sent.Result.IsSuccess && ReferenceEquals(client, Current()))
                {
                    Interlocked.Decrement(ref _unacknowledged);
                    PublishAcknowledged?.Invoke(packetId);
                }
            },
            TaskScheduler.Default);
    }

    public void Subscribe(string topicFilter, int qos)
    {
        IMqttClient client = ConnectedClient();
        MqttQualityOfServiceLevel level = qos == 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce;
        MqttClientSubscribeResult result = Await(client.SubscribeAsync(topicFilter, level), "subscribe");
        foreach (MqttClientSubscribeResultItem item in result.Items)
        {
            if (item.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2)
            {
                throw new NorthboundException($"subscription to '{topicFilter}' refused ({item.ResultCode})");
            }
        }
    }

    public void Disconnect()
    {
        IMqttClient? client = Current();
        if (client != null && client.IsConnected)
        {
            // Detached first: a clean DISCONNECT is not a lost connection.
            Detach();
            client.TryDisconnectAsync().GetAwaiter().GetResult();
            client.Dispose();
        }

        Abort();
    }

    /// <summary>Drops the connection without DISCONNECT, as a power cut would (the broker then publishes the will).</summary>
    public void Abort() => Detach()?.Dispose();

    public void Dispose() => Abort();

    private MqttClientOptions ClientOptions(MqttConnectOptions options)
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_host, _port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(options.ClientId)
            .WithCleanSession(options.CleanSession)
            .WithTimeout(ResponseTimeout);
        builder = options.KeepAliveSeconds > 0 ? builder.WithKeepAlivePeriod(TimeSpan.FromSeconds(options.KeepAliveSeconds)) : builder.WithNoKeepAlive();
        if (options.Username != null)
        {
            builder = builder.WithCredentials(options.Username, options.Password);
        }

        if (options.WillTopic != null)
        {
            builder = builder.WithWillTopic(options.WillTopic)
                .WithWillPayload(options.WillPayload ?? [])
                .WithWillQualityOfServiceLevel(options.WillQos == 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
                .WithWillRetain(options.WillRetain);
        }

        if (_caCertificate != null)
        {
            X509Certificate2 ca = _caCertificate;
            builder = builder.WithTlsOptions(tls => tls.UseTls().WithTrustChain([ca]));
        }

        return builder.Build();
    }

    private IMqttClient? Current()
    {
        lock (_sync)
        {
            return _client;
        }
    }

    private IMqttClient? Detach()
    {
        lock (_sync)
        {
            IMqttClient? client = _client;
            _client = null;
            return client;
        }
    }

    private IMqttClient ConnectedClient()
    {
        IMqttClient? client = Current();
        return client != null && client.IsConnected ? client : throw new NorthboundException("not connected");
    }

    private static T Await<T>(Task<T> pending, string what)
    {
        try
        {
            return pending.GetAwaiter().GetResult();
        }
        catch (Exception error) when (IsLinkFailure(error))
        {
            throw new NorthboundException($"{what} failed: {error.GetBaseException().Message}", error);
        }
    }

    private static bool IsLinkFailure(Exception error) =>
        error is MqttCommunicationException or MqttProtocolViolationException or OperationCanceledException or IOException
            or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException;
}
