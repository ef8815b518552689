using System;
using System.Text;
using OpenAmi.Json;

namespace OpenAmi.Northbound.Mqtt
{
    /// <summary>
    /// Encoder and decoder of the MQTT 3.1.1 packets a QoS 0/1 client needs (OASIS MQTT 3.1.1, 2014). Packets are
    /// built in a reusable buffer; decoding works on the body (the bytes after the fixed header).
    /// </summary>
    public sealed class MqttCodec
    {
        /// <summary>Largest value of the remaining-length field (section 2.2.3).</summary>
        public const int MaxRemainingLength = 268435455;

        private byte[] _buffer = new byte[256];
        private int _length;

        public byte[] Buffer => _buffer;

        public int Length => _length;

        public void Connect(MqttConnectOptions options)
        {
            bool will = options.WillTopic != null;
            int flags = (options.Username != null ? 0x80 : 0) | (options.Password != null ? 0x40 : 0)
                | (will && options.WillRetain ? 0x20 : 0) | (will ? (options.WillQos & 3) << 3 : 0) | (will ? 0x04 : 0)
                | (options.CleanSession ? 0x02 : 0);
            int remaining = 10 + StringLength(options.ClientId ?? string.Empty);
            if (will)
            {
                remaining += StringLength(options.WillTopic) + 2 + (options.WillPayload == null ? 0 : options.WillPayload.Length);
            }

            remaining += options.Username != null ? StringLength(options.Username) : 0;
            remaining += options.Password != null ? StringLength(options.Password) : 0;
            Begin(MqttPacketType.Connect << 4, remaining);
            PutString("MQTT");
            Put(4);
            Put(flags);
            PutUInt16(options.KeepAliveSeconds);
            PutString(options.ClientId ?? string.Empty);
            if (will)
            {
                PutString(options.WillTopic);
                byte[] payload = options.WillPayload ?? new byte[0];
                PutUInt16(payload.Length);
                PutBytes(payload, 0, payload.Length);
            }

            if (options.Username != null)
            {
                PutString(options.Username);
            }

            if (options.Password != null)
            {
                PutString(options.Password);
            }
        }

        public void Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain, int packetId, bool duplicate)
        {
            if (qos < 0 || qos > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(qos));
            }

            if (qos == 1 && (packetId < 1 || packetId > 0xFFFF))
            {
                throw new ArgumentOutOfRangeException(nameof(packetId));
            }

            int header = (MqttPacketType.Publish << 4) | (duplicate && qos > 0 ? 0x08 : 0) | (qos << 1) | (retain ? 1 : 0);
            Begin(header, StringLength(topic) + (qos > 0 ? 2 : 0) + count);
            PutString(topic);
            if (qos > 0)
            {
                PutUInt16(packetId);
            }

            PutBytes(payload, offset, count);
        }

        public void PubAck(int packetId)
        {
            Begin(MqttPacketType.PubAck << 4, 2);
            PutUInt16(packetId);
        }

        /// <summary>SUBSCRIBE with one filter; the fixed header flags are 0010 (section 3.8.1).</summary>
        public void Subscribe(int packetId, string topicFilter, int qos)
        {
            Begin((MqttPacketType.Subscribe << 4) | 0x02, 2 + StringLength(topicFilter) + 1);
            PutUInt16(packetId);
            PutString(topicFilter);
            Put(qos);
        }

        public void PingReq() => Begin(MqttPacketType.PingReq << 4, 0);

        public void Disconnect() => Begin(MqttPacketType.Disconnect << 4, 0);

        /// <summary>
        /// Decodes a remaining-length field at buffer[offset..offset+available); returns the number of bytes it
        /// used, 0 if more bytes are needed, and throws on a malformed (5-byte) encoding.
        /// </summary>
        public static int ReadRemainingLength(byte[] buffer, int offset, int available, out int value)
        {
            value = 0;
            int multiplier = 1;
            for (int i = 0; i < 4; i++)
            {
                if (i >= available)
                {
                    return 0;
                }

                byte b = buffer[offset + i];
                value += (b & 0x7F) * multiplier;
                if ((b & 0x80) == 0)
                {
                    return i + 1;
                }

                multiplier *= 128;
            }

            throw new NorthboundException("malformed remaining length");
        }

        /// <summary>Writes a remaining-length field; returns the bytes used (1-4).</summary>
        public static int WriteRemainingLength(int value, byte[] buffer, int offset)
        {
            if (value < 0 || value > MaxRemainingLength)
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }

            int count = 0;
            do
            {
                int digit = value % 128;
                value /= 128;
                buffer[offset + count++] = (byte)(value > 0 ? digit | 0x80 : digit);
            }
            while (value > 0);

            return count;
        }

        /// <summary>CONNACK body: session-present flag and return code (section 3.2.2.3, 0 = accepted).</summary>
        public static int ParseConnAck(byte[] body, int offset, int count, out bool sessionPresent)
        {
            if (count != 2)
            {
                throw new NorthboundException("CONNACK must have 2 bytes of body");
            }

            sessionPresent = (body[offset] & 1) != 0;
            return body[offset + 1];
        }

        /// <summary>Packet identifier of a PUBACK or SUBACK body.</summary>
        public static int ParsePacketId(byte[] body, int offset, int count)
        {
            if (count < 2)
            {
                throw new NorthboundException("packet identifier missing");
            }

            return (body[offset] << 8) | body[offset + 1];
        }

        /// <summary>Splits an incoming PUBLISH body into topic, packet identifier (0 for QoS 0) and payload range.</summary>
        public static string ParsePublish(byte[] body, int offset, int count, int flags, out int packetId, out int payloadOffset, out int payloadCount)
        {
            int qos = (flags >> 1) & 3;
            if (qos > 2 || count < 2)
            {
                throw new NorthboundException("malformed PUBLISH");
            }

            int topicLength = (body[offset] << 8) | body[offset + 1];
            int position = offset + 2 + topicLength;
            if (position + (qos > 0 ? 2 : 0) > offset + count)
            {
                throw new NorthboundException("malformed PUBLISH");
            }

            RequireTopicName(body, offset + 2, topicLength);
            string topic = Encoding.UTF8.GetString(body, offset + 2, topicLength);
            packetId = 0;
            if (qos > 0)
            {
                packetId = (body[position] << 8) | body[position + 1];
                position += 2;
            }

            payloadOffset = position;
            payloadCount = offset + count - position;
            return topic;
        }

        /// <summary>MQTT 3.1.1 §1.5.3: a topic name is well-formed UTF-8 without U+0000; otherwise the connection is broken.</summary>
        private static void RequireTopicName(byte[] body, int offset, int count)
        {
            int end = offset + count;
            int position = offset;
            while (position < end)
            {
                if (body[position] == 0)
                {
                    throw new NorthboundException("PUBLISH topic contains U+0000");
                }

                int length = Utf8.SequenceLength(body, position, end);
                if (length < 1)
                {
                    throw new NorthboundException("PUBLISH topic is not valid UTF-8");
                }

                position += length;
            }
        }

        private void Begin(int header, int remaining)
        {
            _length = 0;
            Ensure(5 + remaining);
            _buffer[_length++] = (byte)header;
            _length += WriteRemainingLength(remaining, _buffer, _length);
        }

        private static int StringLength(string text) => 2 + Encoding.UTF8.GetBytes(text).Length;

        private void PutString(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            if (bytes.Length > 0xFFFF)
            {
                throw new NorthboundException("MQTT string longer than 65535 bytes");
            }

            PutUInt16(bytes.Length);
            PutBytes(bytes, 0, bytes.Length);
        }

        private void PutUInt16(int value)
        {
            Put(value >> 8);
            Put(value);
        }

        private void Put(int value) => _buffer[_length++] = (byte)value;

        private void PutBytes(byte[] bytes, int offset, int count)
        {
            Array.Copy(bytes, offset, _buffer, _length, count);
            _length += count;
        }

        private void Ensure(int size)
        {
            if (_buffer.Length < size)
            {
                _buffer = new byte[size];
            }
        }
    }
}
