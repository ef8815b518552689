using System.Text;
using OpenAmi.Northbound.Mqtt;

namespace OpenAmi.Northbound.Tests;

/// <summary>Vectors from the OASIS MQTT Version 3.1.1 standard (2014), http://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html.</summary>
public class MqttCodecTests
{
    [Theory]
    // Section 2.2.3, table 2.4 "Size of Remaining Length field": the boundaries of 1-4 byte encodings.
    [InlineData(0, new byte[] { 0x00 })]
    [InlineData(127, new byte[] { 0x7F })]
    [InlineData(128, new byte[] { 0x80, 0x01 })]
    [InlineData(16383, new byte[] { 0xFF, 0x7F })]
    [InlineData(16384, new byte[] { 0x80, 0x80, 0x01 })]
    [InlineData(2097151, new byte[] { 0xFF, 0xFF, 0x7F })]
    [InlineData(2097152, new byte[] { 0x80, 0x80, 0x80, 0x01 })]
    [InlineData(268435455, new byte[] { 0xFF, 0xFF, 0xFF, 0x7F })]
    public void Remaining_length_matches_table_2_4(int value, byte[] encoded)
    {
        byte[] buffer = new byte[4];
        Assert.Equal(encoded.Length, MqttCodec.WriteRemainingLength(value, buffer, 0));
        Assert.Equal(encoded, buffer[..encoded.Length]);
        Assert.Equal(encoded.Length, MqttCodec.ReadRemainingLength(encoded, 0, encoded.Length, out int decoded));
        Assert.Equal(value, decoded);
        Assert.Equal(0, MqttCodec.ReadRemainingLength(encoded, 0, encoded.Length - 1, out _));
    }

    [Fact]
    public void A_fifth_length_byte_is_malformed()
    {
        Assert.Throws<NorthboundException>(() => MqttCodec.ReadRemainingLength([0xFF, 0xFF, 0xFF, 0xFF, 0x01], 0, 5, out _));
    }

    [Fact]
    public void Connect_variable_header_matches_figure_3_6()
    {
        // Section 3.1.2.10, figure 3.6 "Variable header non normative example": protocol name MQTT, level 4,
        // flags 0xCE (user name, password, will QoS 1, will flag, clean session), keep alive 10.
        MqttCodec codec = new();
        codec.Connect(new MqttConnectOptions
        {
            ClientId = "c", Username = "u", Password = "p", CleanSession = true, KeepAliveSeconds = 10,
            WillTopic = "w", WillPayload = [0x6F], WillQos = 1, WillRetain = false,
        });
        byte[] packet = codec.Buffer[..codec.Length];

        Assert.Equal(0x10, packet[0]);
        Assert.Equal(new byte[] { 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04, 0xCE, 0x00, 0x0A }, packet[2..12]);
        // Payload order (section 3.1.3): client id, will topic, will message, user name, password — each length-prefixed.
        Assert.Equal(new byte[] { 0, 1, (byte)'c', 0, 1, (byte)'w', 0, 1, 0x6F, 0, 1, (byte)'u', 0, 1, (byte)'p' }, packet[12..]);
        Assert.Equal(packet.Length - 2, packet[1]);
    }

    [Fact]
    public void Publish_qos1_has_dup_qos_retain_bits_and_packet_id()
    {
        // Section 3.3.1: DUP is bit 3, QoS bits 2-1, RETAIN bit 0 of the fixed header; section 3.3.2: topic, then packet id.
        MqttCodec codec = new();
        codec.Publish("a/b", [1, 2], 0, 2, 1, true, 0x1234, true);
        Assert.Equal(new byte[] { 0x3B, 9, 0, 3, (byte)'a', (byte)'/', (byte)'b', 0x12, 0x34, 1, 2 }, codec.Buffer[..codec.Length]);

        codec.Publish("a/b", [1, 2], 0, 2, 0, false, 0, true);
        Assert.Equal(new byte[] { 0x30, 7, 0, 3, (byte)'a', (byte)'/', (byte)'b', 1, 2 }, codec.Buffer[..codec.Length]);
    }

    [Fact]
    public void Subscribe_pingreq_disconnect_and_puback_are_exact()
    {
        MqttCodec codec = new();
        codec.Subscribe(10, "a/+", 1);
        // Section 3.8.1: fixed header 0x82; 3.8.2 packet id; 3.8.3 filter + requested QoS.
        Assert.Equal(new byte[] { 0x82, 8, 0, 10, 0, 3, (byte)'a', (byte)'/', (byte)'+', 1 }, codec.Buffer[..codec.Length]);
        codec.PingReq();
        Assert.Equal(new byte[] { 0xC0, 0x00 }, codec.Buffer[..codec.Length]); // section 3.12
        codec.Disconnect();
        Assert.Equal(new byte[] { 0xE0, 0x00 }, codec.Buffer[..codec.Length]); // section 3.14
        codec.PubAck(0xBEEF);
        Assert.Equal(new byte[] { 0x40, 0x02, 0xBE, 0xEF }, codec.Buffer[..codec.Length]); // section 3.4
    }

    [Fact]
    public void Incoming_publish_and_connack_are_decoded()
    {
        byte[] body = [0, 3, (byte)'x', (byte)'/', (byte)'y', 0x00, 0x07, (byte)'h', (byte)'i'];
        string topic = MqttCodec.ParsePublish(body, 0, body.Length, 0x02, out int id, out int offset, out int count);
        Assert.Equal("x/y", topic);
        Assert.Equal(7, id);
        Assert.Equal("hi", Encoding.ASCII.GetString(body, offset, count));

        Assert.Equal(0, MqttCodec.ParseConnAck([0x01, 0x00], 0, 2, out bool present));
        Assert.True(present);
        Assert.Equal(5, MqttCodec.ParseConnAck([0x00, 0x05], 0, 2, out _)); // 5 = not authorized (table 3.1)
        Assert.Throws<NorthboundException>(() => MqttCodec.ParsePublish([0, 9, 1], 0, 3, 0x02, out _, out _, out _));
    }

    [Theory]
    [InlineData("61 00 62", "U+0000")]      // MQTT 3.1.1 §1.5.3: a topic must not contain U+0000
    [InlineData("61 FF", "not valid UTF-8")] // 0xFF never occurs in UTF-8 (RFC 3629 §1)
    [InlineData("C0 AF", "not valid UTF-8")] // overlong '/' (RFC 3629 §10)
    [InlineData("ED A0 80", "not valid UTF-8")] // U+D800, a surrogate (MQTT 3.1.1 §1.5.3, RFC 3629 §3)
    [InlineData("61 E2 82", "not valid UTF-8")] // truncated 3-byte sequence
    public void Topic_names_that_are_not_well_formed_utf8_or_contain_nul_are_refused(string topicHex, string reason)
    {
        byte[] topic = Convert.FromHexString(topicHex.Replace(" ", ""));
        byte[] body = [0, (byte)topic.Length, .. topic, (byte)'p'];
        var error = Assert.Throws<NorthboundException>(() => MqttCodec.ParsePublish(body, 0, body.Length, 0x00, out _, out _, out _));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Topic_names_in_any_script_are_accepted()
    {
        // "€/😀": 3- and 4-byte sequences (RFC 3629 §3).
        byte[] topic = Encoding.UTF8.GetBytes("\u20ac/\ud83d\ude00");
        byte[] body = [0, (byte)topic.Length, .. topic];
        Assert.Equal("\u20ac/\ud83d\ude00", MqttCodec.ParsePublish(body, 0, body.Length, 0x00, out _, out _, out _));
    }
}
