using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using OpenAmi.Northbound;
using OpenAmi.Northbound.Mqtt;

namespace OpenAmi.Emulator.Mqtt;

/// <summary>
/// The smallest correct MQTT 3.1.1 client for the host (no .NET MQTT client is on the registry here): CONNECT with
/// will, credentials, clean-session flag and keep-alive; PUBLISH QoS 0/1 with PUBACK tracking and DUP on re-send;
/// SUBSCRIBE; PINGREQ; DISCONNECT; optional TLS (SslStream) trusting only the given CA. It implements the
/// northbound <see cref="IMqttLink"/> port, so reconnect/back-off live in the portable Uplink.
/// </summary>
public sealed class HostMqttClient : IMqttLink, IDisposable
{
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    private readonly string _host;
    private readonly int _port;
    private readonly X509Certificate2? _caCertificate;
    private readonly object _writeLock = new();
    private readonly MqttCodec _codec = new();
    private readonly HashSet<int> _unacknowledged = [];
    private readonly Dictionary<int, (ManualResetEventSlim Done, int Result)> _pendingSubscriptions = [];
    private TcpClient? _tcp;
    private Stream? _stream;
    private Thread? _reader;
    private Timer? _keepAlive;
    private int _keepAliveMs;
    private long _lastSentMs;
    private long _lastReceivedMs;
    private int _nextSubscriptionId = 1;
    private volatile bool _connected;
    private volatile bool _closing;

    public HostMqttClient(string host, int port, X509Certificate2? caCertificate = null)
    {
        _host = host;
        _port = port;
        _caCertificate = caCertificate;
    }

    public event MqttMessageHandler? MessageReceived;

    /// <summary>A new, unconnected client to the same broker (e.g. the emulator's head-end beside its gateway).</summary>
    public HostMqttClient Sibling() => new(_host, _port, _caCertificate);

    public event MqttAckHandler? PublishAcknowledged;

    public event MqttLinkHandler? ConnectionLost;

    public bool IsConnected => _connected;

    /// <summary>QoS 1 packet identifiers sent and not yet PUBACKed.</summary>
    public int UnacknowledgedCount
    {
        get
        {
            lock (_unacknowledged)
            {
                return _unacknowledged.Count;
            }
        }
    }

    public void Connect(MqttConnectOptions options)
    {
        Close();
        _closing = false;
        try
        {
            TcpClient tcp = new() { NoDelay = true };
            if (!tcp.ConnectAsync(_host, _port).Wait(ResponseTimeout))
            {
                tcp.Dispose();
                throw new NorthboundException($"connect to {_host}:{_port} timed out");
            }

            Stream stream = tcp.GetStream();
            if (_caCertificate != null)
            {
                SslStream tls = new(stream, false, ValidateAgainstCa);
                tls.AuthenticateAsClient(_host);
                stream = tls;
            }

            stream.ReadTimeout = (int)ResponseTimeout.TotalMilliseconds;
            _tcp = tcp;
            _stream = stream;
            lock (_writeLock)
            {
                _codec.Connect(options);
                Send();
            }

            (int type, _, byte[] body) = ReadPacket(stream) ?? throw new NorthboundException("connection closed before CONNACK");
            if (type != MqttPacketType.ConnAck)
            {
                throw new NorthboundException($"expected CONNACK, got packet type {type}");
            }

            int code = MqttCodec.ParseConnAck(body, 0, body.Length, out _);
            if (code != 0)
            {
                throw new NorthboundException($"broker refused the connection (CONNACK return code {code})");
            }

            stream.ReadTimeout = Timeout.Infinite;
            _lastReceivedMs = Environment.TickCount64;
            _connected = true;
            _reader = new Thread(ReadLoop) { IsBackground = true, Name = "mqtt-reader" };
            _reader.Start();
            _keepAliveMs = options.KeepAliveSeconds * 1000;
            if (_keepAliveMs > 0)
            {
                _keepAlive = new Timer(_ => KeepAlive(), null, _keepAliveMs / 4, _keepAliveMs / 4);
            }
        }
        catch (Exception error) when (error is IOException or SocketException or AggregateException or System.Security.Authentication.AuthenticationException)
        {
            Close();
            throw new NorthboundException($"cannot connect to {_host}:{_port}: {error.GetBaseException().Message}", error);
        }
        catch (NorthboundException)
        {
            Close();
            throw;
        }
    }

    public void Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain, int packetId, bool duplicate)
    {
        if (qos == 1)
        {
            lock (_unacknowledged)
            {
                _unacknowledged.Add(packetId);
            }
        }

        lock (_writeLock)
        {
            _codec.Publish(topic, payload, offset, count, qos, retain, packetId, duplicate);
            Send();
        }
    }

    public void Subscribe(string topicFilter, int qos)
    {
        ManualResetEventSlim done = new();
        int id;
        lock (_pendingSubscriptions)
        {
            id = _nextSubscriptionId;
            _nextSubscriptionId = id == 0xFFFF ? 1 : id + 1;
            _pendingSubscriptions[id] = (done, -1);
        }

        lock (_writeLock)
        {
            _codec.Subscribe(id, topicFilter, qos);
            Send();
        }

        bool answered = done.Wait(ResponseTimeout);
        int result;
        lock (_pendingSubscriptions)
        {
            result = _pendingSubscriptions[id].Result;
            _pendingSubscriptions.Remove(id);
        }

        if (!answered || result > 2)
        {
            throw new NorthboundException(answered ? $"subscription to '{topicFilter}' refused" : "no SUBACK");
        }
    }

    public void Disconnect()
    {
        if (_connected)
        {
            try
            {
                lock (_writeLock)
                {
                    _codec.Disconnect();
                    Send();
                }
            }
            catch (NorthboundException)
            {
                // Already gone: closing is all that is left to do.
            }
        }

        Close();
    }

    /// <summary>Drops the TCP connection without DISCONNECT, as a power cut would (the broker then publishes the will).</summary>
    public void Abort() => Close();

    public void Dispose() => Close();

    private void Send()
    {
        Stream stream = _stream ?? throw new NorthboundException("not connected");
        try
        {
            stream.Write(_codec.Buffer, 0, _codec.Length);
            stream.Flush();
            _lastSentMs = Environment.TickCount64;
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or SocketException)
        {
            Lost(stream);
            throw new NorthboundException("connection lost while sending", error);
        }
    }

    private void ReadLoop()
    {
        Stream? stream = _stream;
        try
        {
            while (stream != null && !_closing)
            {
                (int type, int flags, byte[] body)? packet = ReadPacket(stream);
                if (packet == null)
                {
                    break;
                }

                _lastReceivedMs = Environment.TickCount64;
                Dispatch(packet.Value.type, packet.Value.flags, packet.Value.body);
            }
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or SocketException or NorthboundException)
        {
            // Falls through to Lost(): any read failure ends this connection.
        }

        Lost(stream);
    }

    private void Dispatch(int type, int flags, byte[] body)
    {
        switch (type)
        {
            case MqttPacketType.Publish:
                string topic = MqttCodec.ParsePublish(body, 0, body.Length, flags, out int packetId, out int payloadOffset, out int payloadCount);
                if (packetId != 0)
                {
                    lock (_writeLock)
                    {
                        _codec.PubAck(packetId);
                        Send();
                    }
                }

                MessageReceived?.Invoke(topic, body, payloadOffset, payloadCount);
                break;
            case MqttPacketType.PubAck:
                int acknowledged = MqttCodec.ParsePacketId(body, 0, body.Length);
                bool known;
                lock (_unacknowledged)
                {
                    known = _unacknowledged.Remove(acknowledged);
                }

                if (known)
                {
                    PublishAcknowledged?.Invoke(acknowledged);
                }

                break;
            case MqttPacketType.SubAck:
                int subscription = MqttCodec.ParsePacketId(body, 0, body.Length);
                lock (_pendingSubscriptions)
                {
                    if (_pendingSubscriptions.TryGetValue(subscription, out var pending))
                    {
                        _pendingSubscriptions[subscription] = (pending.Done, body.Length > 2 ? body[2] : 0x80);
                        pending.Done.Set();
                    }
                }

                break;
        }
    }

    private void KeepAlive()
    {
        if (!_connected)
        {
            return;
        }

        long now = Environment.TickCount64;
        if (now - _lastReceivedMs > _keepAliveMs * 3 / 2)
        {
            // No PINGRESP nor anything else for 1.5 keep-alive periods: the connection is dead (section 3.1.2.10).
            Lost(_stream);
            return;
        }

        if (now - _lastSentMs >= _keepAliveMs / 2)
        {
            try
            {
                lock (_writeLock)
                {
                    _codec.PingReq();
                    Send();
                }
            }
            catch (NorthboundException)
            {
                // Send() has already reported the loss.
            }
        }
    }

    /// <summary>Ends the connection that <paramref name="stream"/> belongs to, unless a newer one has replaced it.</summary>
    private void Lost(Stream? stream)
    {
        if (stream == null || !ReferenceEquals(stream, _stream))
        {
            return;
        }

        bool wasConnected = _connected;
        Close();
        if (wasConnected)
        {
            ConnectionLost?.Invoke();
        }
    }

    private void Close()
    {
        _connected = false;
        _closing = true;
        _keepAlive?.Dispose();
        _keepAlive = null;
        try
        {
            _stream?.Dispose();
        }
        catch (IOException)
        {
            // Closing a broken stream may fail; it is closed either way.
        }

        _tcp?.Dispose();
        _stream = null;
        _tcp = null;
    }

    /// <summary>
    /// Largest packet this client takes: far above what the gateway or a head-end sends (a command payload is at
    /// most 4 KiB, an envelope under 1 KiB); anything larger breaks the connection with a NorthboundException.
    /// </summary>
    internal const int MaxIncomingPacketBytes = 256 * 1024;

    /// <summary>The body is read in growing chunks, so a claimed length costs memory only as its bytes arrive.</summary>
    private const int FirstChunkBytes = 4096;

    internal static (int type, int flags, byte[] body)? ReadPacket(Stream stream)
    {
        byte[] first = new byte[1];
        if (!ReadExactly(stream, first, 0, 1))
        {
            return null;
        }

        byte[] lengthBytes = new byte[4];
        int remaining = 0;
        for (int used = 0; ; used++)
        {
            if (used == 4 || !ReadExactly(stream, lengthBytes, used, 1))
            {
                throw new NorthboundException("malformed remaining length");
            }

            if (MqttCodec.ReadRemainingLength(lengthBytes, 0, used + 1, out remaining) > 0)
            {
                break;
            }
        }

        if (remaining > MaxIncomingPacketBytes)
        {
            throw new NorthboundException($"incoming packet of {remaining} bytes; at most {MaxIncomingPacketBytes} are accepted");
        }

        byte[] body = new byte[Math.Min(remaining, FirstChunkBytes)];
        int received = 0;
        while (received < remaining)
        {
            if (received == body.Length)
            {
                Array.Resize(ref body, Math.Min(remaining, body.Length * 2));
            }

            if (!ReadExactly(stream, body, received, body.Length - received))
            {
                throw new NorthboundException("connection closed inside a packet");
            }

            received = body.Length;
        }

        return (first[0] >> 4, first[0] & 0x0F, body);
    }

    private static bool ReadExactly(Stream stream, byte[] buffer, int offset, int count)
    {
        int total = 0;
        while (total < count)
        {
            int read = stream.Read(buffer, offset + total, count - total);
            if (read == 0)
            {
                return false;
            }

            total += read;
        }

        return true;
    }

    private bool ValidateAgainstCa(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate == null || _caCertificate == null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return false;
        }

        using X509Chain custom = new();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(_caCertificate);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build(new X509Certificate2(certificate));
    }
}
