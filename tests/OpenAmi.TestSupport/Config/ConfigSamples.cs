using System.Text.Json.Nodes;

namespace OpenAmi.TestSupport;

/// <summary>
/// A complete, valid configuration for a small feeder, and a way to break one member at a time so each test
/// states exactly the change it makes. Ids come from the northbound profile's own example
/// (the OpenAMI northbound MQTT profile v0.1, payloadEnvelope.example; docs/northbound.md).
/// </summary>
public static class ConfigSamples
{
    public const string CommandKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    public const string Valid = """
    {
      "feederId": "feeder-north-paravur-01",
      "gatewayId": "pole-ems-0042",
      "buses": [
        { "id": "rs485", "kind": "rs485", "port": "COM2", "baud": 9600 },
        { "id": "optical", "kind": "optical", "port": "COM2" }
      ],
      "meters": [
        { "id": "head", "bus": "rs485", "protocol": "dlms", "address": 17, "profile": "vendor-a", "role": "feeder_head" },
        { "id": "shop", "bus": "rs485", "protocol": "dlms", "address": 18, "profile": "vendor-b", "prepaid": "sts", "account": "12" },
        { "id": "mill", "bus": "rs485", "protocol": "modbus", "address": 3, "profile": "eastron-sdm120", "line": "L1", "breakerA": 32 },
        { "id": "clinic", "bus": "optical", "protocol": "dlms", "address": 16, "profile": "vendor-c" }
      ],
      "intervals": { "instantaneousS": 900, "statusS": 60 },
      "safety": {
        "channels": [ { "id": "L1", "adcChannel": 0 }, { "id": "L2", "adcChannel": 3, "dcTripMa": 5, "acTripMa": 25 } ],
        "lockoutAttempts": 3, "lockoutWindowS": 86400
      },
      "northbound": {
        "broker": "mqtts://hes.example.org:8883", "caCertFile": "I:\\ca.pem", "username": "pole-ems-0042",
        "commandKeyHex": "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
      },
      "openPaygoLines": [ { "line": "L2", "keyHex": "bc41ec9530f6dac86b1a29ab82edc5fb", "startingCode": 516959010 } ],
      "lossAllowancePercent": 8
    }
    """;

    public static readonly string[] Profiles = { "vendor-a", "vendor-b", "vendor-c", "eastron-sdm120" };

    /// <summary>The valid sample with one edit applied to its DOM.</summary>
    public static string With(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(Valid)!.AsObject();
        edit(root);
        return root.ToJsonString();
    }
}
