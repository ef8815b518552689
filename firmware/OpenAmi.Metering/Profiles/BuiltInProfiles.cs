using System.Collections;

namespace OpenAmi.Metering.Profiles
{
    /// <summary>
    /// Profiles shipped in the firmware, as the same JSON a field engineer would put on flash. Register maps
    /// are taken from the public datasheets named in each "source". Of the three Modbus models only the SDM120
    /// defines a serial-number register; the DDS238-4 W manual (9.3: 0000h-0011h and 0015h ID + baud) and the
    /// CHINT DDSU666/DTSU666 ModBus address table (parameter area: REV., UCode, net, IrAt, UrAt, Disp, B.LCD,
    /// Protocol, bAud, Addr) list none, so registration gives those a synthetic serial.
    /// </summary>
    public static class BuiltInProfiles
    {
        public const string HikingDds238 = @"{
  ""id"": ""hiking-dds238"",
  ""vendor"": ""Hiking"",
  ""model"": ""DDS238 (-1/-2/-4 W)"",
  ""source"": ""Hiking DDS238-4 W user manual, 9.3 'Energy meter register address' (function 03, big-endian words)"",
  ""protocol"": ""modbus"",
  ""link"": { ""medium"": ""rs485"", ""baud"": 9600, ""dataBits"": 8, ""parity"": ""none"", ""stopBits"": 1 },
  ""address"": 1,
  ""importOnly"": true,
  ""items"": {
    ""1.8.0"": { ""function"": 3, ""register"": 10, ""encoding"": ""uint32"", ""order"": ""ABCD"", ""scaler"": 1, ""unit"": ""Wh"" },
    ""2.8.0"": { ""function"": 3, ""register"": 8, ""encoding"": ""uint32"", ""order"": ""ABCD"", ""scaler"": 1, ""unit"": ""Wh"" },
    ""32.7.0"": { ""function"": 3, ""register"": 12, ""encoding"": ""uint16"", ""scaler"": -1, ""unit"": ""V"" },
    ""1.7.0"": { ""function"": 3, ""register"": 14, ""encoding"": ""int16"", ""scaler"": 0, ""unit"": ""W"" },
    ""14.7.0"": { ""function"": 3, ""register"": 17, ""encoding"": ""uint16"", ""scaler"": -2, ""unit"": ""Hz"" }
  }
}";

        public const string ChintDdsu666 = @"{
  ""id"": ""chint-ddsu666"",
  ""vendor"": ""CHINT"",
  ""model"": ""DDSU666"",
  ""source"": ""CHINT DDSU666 user manual, ModBus protocol address table (read command 03H, IEEE 754 float, high word first)"",
  ""protocol"": ""modbus"",
  ""link"": { ""medium"": ""rs485"", ""baud"": 9600, ""dataBits"": 8, ""parity"": ""none"", ""stopBits"": 1 },
  ""address"": 1,
  ""items"": {
    ""32.7.0"": { ""function"": 3, ""register"": 8192, ""encoding"": ""float32"", ""order"": ""ABCD"", ""scaler"": 0, ""unit"": ""V"" },
    ""1.7.0"": { ""function"": 3, ""register"": 8196, ""encoding"": ""float32"", ""order"": ""ABCD"", ""scaler"": 3, ""unit"": ""W"" },
    ""14.7.0"": { ""function"": 3, ""register"": 8206, ""encoding"": ""float32"", ""order"": ""ABCD"", ""scaler"": 0, ""unit"": ""Hz"" },
    ""1.8.0"": { ""function"": 3, ""register"": 16384, ""encoding"": ""float32"", ""order"": ""ABCD"", ""scaler"": 3, ""unit"": ""Wh"" },
    ""2.8.0"": { ""function"": 3, ""register"": 16394, ""encoding"": ""float32"", ""order"": ""ABCD"", ""scaler"": 3, ""unit"": ""Wh"" }
  }
}";

        public const string EastronSdm120 = @"{
  ""id"": ""eastron-sdm120"",
  ""vendor"": ""Eastron"",
  ""model"": ""SDM120-Modbus"",
  ""source"": ""Eastron SDM120 Modbus protocol, input registers 30001/30013/30071/30073/30075 (function 04, IEEE 754 float); holding register 464513 (FC00h) serial number, unsigned 32-bit, read-only"",
  ""protocol"": ""modbus"",
  ""link"": { ""medium"": ""rs485"", ""baud"": 9600, ""dataBits"": 8, ""parity"": ""none"", ""stopBits"": 1 },
  ""address"": 1,
  ""items"": {
    ""32.7.0"": { ""function"": 4, ""register"": 0, ""encoding"": ""float32"", ""order"": ""ABCD"", ""scaler"": 0, ""unit"": ""V"" },
    ""1.7.0"": { ""function"": 4, ""register"": 12, ""encoding"": ""float32"", ""order"": ""ABCD"", ""scaler"": 0, ""unit"": ""W"" },
    ""14.7.0"": { ""function"": 4, ""register"": 70, ""encoding"": ""float32"", ""order"": ""ABCD"", ""scaler"": 0, ""unit"": ""Hz"" },
    ""1.8.0"": { ""function"": 4, ""register"": 72, ""encoding"": ""float32"", ""order"": ""ABCD"", ""scaler"": 3, ""unit"": ""Wh"" },
    ""2.8.0"": { ""function"": 4, ""register"": 74, ""encoding"": ""float32"", ""order"": ""ABCD"", ""scaler"": 3, ""unit"": ""Wh"" },
    ""0.0.96.1.1.255"": { ""function"": 3, ""register"": 64512, ""encoding"": ""uint32"", ""order"": ""ABCD"" }
  }
}";

        /// <summary>
        /// A single-phase DLMS meter exposing the VMRS objects under their standard logical names; scalers come
        /// from the meter. Status bits are vendor-specific, so none are named here.
        /// </summary>
        public const string DlmsSinglePhase = @"{
  ""id"": ""dlms-generic-single-phase"",
  ""vendor"": ""generic"",
  ""model"": ""DLMS/COSEM single-phase (standard logical names)"",
  ""source"": ""IEC 62056-6-1 OBIS codes as resolved in docs/vmrs.md"",
  ""protocol"": ""dlms"",
  ""link"": { ""medium"": ""rs485"", ""baud"": 9600 },
  ""address"": 17,
  ""dlms"": { ""client"": 16, ""logicalDevice"": 1, ""authentication"": ""none"" },
  ""items"": {
    ""1.8.0"": {}, ""2.8.0"": {}, ""1.7.0"": {}, ""32.7.0"": {}, ""14.7.0"": {},
    ""0.0.1.0.0.255"": {}, ""0.0.96.1.1.255"": {}, ""96.5.0"": {}, ""0.0.96.3.10.255"": {}
  }
}";

        public static readonly string[] All = { HikingDds238, ChintDdsu666, EastronSdm120, DlmsSinglePhase };

        /// <summary>Loads every built-in profile (they are validated by the tests, so a failure here is a build defect).</summary>
        public static Hashtable LoadAll()
        {
            var byId = new Hashtable();
            for (int i = 0; i < All.Length; i++)
            {
                var result = ProfileReader.Load(All[i]);
                byId[result.Profile.Id] = result.Profile;
            }

            return byId;
        }
    }
}
