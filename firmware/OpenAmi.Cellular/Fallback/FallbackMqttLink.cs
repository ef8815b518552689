using System;
using OpenAmi.Cellular.Ports;
using OpenAmi.Northbound;
using OpenAmi.Northbound.Mqtt;
using OpenAmi.Platform;

namespace OpenAmi.Cellular.Fallback
{
    /// <summary>
    /// One <see cref="IMqttLink"/> over two: the primary (Wi-Fi) whenever it is usable, else the secondary (cellular).
    /// Moving back to Wi-Fi is break-before-make: once Wi-Fi has been usable for <see cref="FallbackOptions.PrimaryStableMs"/>,
    /// <see cref="Service"/> disconnects cellular cleanly and raises <see cref="ConnectionLost"/>; the owner reconnects
    /// (landing on Wi-Fi) and re-sends what is unacknowledged. Acknowledged-state lives in the owner's outbox, never here,
    /// so a switch cannot lose it; PUBACKs from either inner link are forwarded because both talk to the same broker.
    /// </summary>
    public sealed class FallbackMqttLink : IMqttLink
    {
        private readonly object _sync = new object();
        private readonly IMqttLink _primary;
        private readonly IMqttLink _secondary;
        private readonly ILinkHealth _primaryHealth;
        private readonly IMonotonicClock _clock;
        private readonly FallbackOptions _options;
        private LinkRoute _route;
        private long _primaryRetryAt;
        private long _primaryUsableSince = -1;

        public FallbackMqttLink(IMqttLink primary, IMqttLink secondary, ILinkHealth primaryHealth, IMonotonicClock clock, FallbackOptions options)
        {
            _primary = primary;
            _secondary = secondary;
            _primaryHealth = primaryHealth;
            _clock = clock;
            _options = options;
            primary.MessageReceived += OnMessage;
            secondary.MessageReceived += OnMessage;
            primary.PublishAcknowledged += OnAcknowledged;
            secondary.PublishAcknowledged += OnAcknowledged;
            primary.ConnectionLost += OnPrimaryLost;
            secondary.ConnectionLost += OnSecondaryLost;
        }

        public event MqttMessageHandler MessageReceived;

        public event MqttAckHandler PublishAcknowledged;

        public event MqttLinkHandler ConnectionLost;

        public LinkRoute Route => _route;

        /// <summary>Why the primary was last skipped or failed (diagnostics).</summary>
        public string LastPrimaryError { get; private set; }

        public bool IsConnected
        {
            get
            {
                IMqttLink active = Active;
                return active != null && active.IsConnected;
            }
        }

        private IMqttLink Active => _route == LinkRoute.Primary ? _primary : _route == LinkRoute.Secondary ? _secondary : null;

        public void Connect(MqttConnectOptions options)
        {
            lock (_sync)
            {
                _route = LinkRoute.None;
                long now = _clock.NowMs;
                if (_primaryHealth.IsUsable && now >= _primaryRetryAt)
                {
                    try
                    {
                        _primary.Connect(options);
                        _route = LinkRoute.Primary;
                        return;
                    }
                    catch (Exception error)
                    {
                        // Any failure of the primary, not only the NorthboundExceptions of its contract (a certificate the
                        // platform's parser rejects, a socket error an adapter did not map), must leave cellular to try.
                        LastPrimaryError = error.Message;
                        _primaryRetryAt = now + _options.PrimaryRetryMs;
                    }
                }

                _secondary.Connect(options);
                _route = LinkRoute.Secondary;
                _primaryUsableSince = -1;
            }
        }

        public void Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain, int packetId, bool duplicate) =>
            RequireActive().Publish(topic, payload, offset, count, qos, retain, packetId, duplicate);

        public void Subscribe(string topicFilter, int qos) => RequireActive().Subscribe(topicFilter, qos);

        public void Disconnect()
        {
            IMqttLink active;
            lock (_sync)
            {
                active = Active;
                _route = LinkRoute.None;
            }

            active?.Disconnect();
        }

        /// <summary>
        /// Call periodically: while on cellular, tracks how long Wi-Fi has been usable and, past the hysteresis, ends the
        /// cellular session so the next connect returns to Wi-Fi.
        /// </summary>
        public void Service()
        {
            bool switchBack = false;
            lock (_sync)
            {
                if (_route != LinkRoute.Secondary)
                {
                    return;
                }

                long now = _clock.NowMs;
                if (!_primaryHealth.IsUsable || now < _primaryRetryAt)
                {
                    _primaryUsableSince = -1;
                    return;
                }

                if (_primaryUsableSince < 0)
                {
                    _primaryUsableSince = now;
                    return;
                }

                if (now - _primaryUsableSince >= _options.PrimaryStableMs)
                {
                    _route = LinkRoute.None;
                    _primaryUsableSince = -1;
                    switchBack = true;
                }
            }

            if (switchBack)
            {
                _secondary.Disconnect();
                ConnectionLost?.Invoke();
            }
        }

        private IMqttLink RequireActive()
        {
            IMqttLink active = Active;
            if (active == null)
            {
                throw new NorthboundException("no MQTT link connected");
            }

            return active;
        }

        private void OnMessage(string topic, byte[] payload, int offset, int count) => MessageReceived?.Invoke(topic, payload, offset, count);

        private void OnAcknowledged(int packetId) => PublishAcknowledged?.Invoke(packetId);

        private void OnPrimaryLost() => OnLost(LinkRoute.Primary);

        private void OnSecondaryLost() => OnLost(LinkRoute.Secondary);

        private void OnLost(LinkRoute route)
        {
            lock (_sync)
            {
                if (_route != route)
                {
                    return;
                }

                _route = LinkRoute.None;
            }

            ConnectionLost?.Invoke();
        }
    }
}
