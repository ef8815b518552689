using System.Text;
using OpenAmi.Json;

namespace OpenAmi.Metering.Profiles
{
    /// <summary>
    /// Profiles shipped in the firmware, as the same JSON a field engineer would put on flash. Each "source" names
    /// the document, edition and table the values come from; each variant's "evidence" says what tells its layout
    /// apart. Of the three Modbus models only the SDM120 defines a serial-number register (and only in the V2.x
    /// protocol editions); the DDS238 tables (0000h-0015h) and the CHINT DDSU666 ModBus address table (parameter
    /// area 0000h-000CH: REV., UCode, ..., Protocol 0005H, Addr 0006H, BAud 000CH) list none, so registration
    /// gives those a synthetic serial.
    /// </summary>
    public static class BuiltInProfiles
    {
        public const string HikingDds238 = @"{
  ""id"": ""hiking-dds238"",
  ""vendor"": ""Hiking"",
  ""model"": ""DDS238 (-1/-2/-4 W)"",
  ""source"": ""Hiking DDS238-4 W user manual, 9.3 'Energy meter register address', and the published DDS238-2 ZN/S holding-register table (function 03, big-endian words): 000Ch voltage 0.1 V, 000Eh active power 1 W signed, 0011h frequency 0.01 Hz, 0000h total energy 0.01 kWh; 0015h address (high byte) and baud code 1 = 9600 (default); factory link 9600 8N1, address 1"",
  ""protocol"": ""modbus"",
  ""link"": { ""medium"": ""rs485"", ""baud"": 9600, ""dataBits"": 8, ""parity"": ""none"", ""stopBits"": 1 },
  ""address"": 1,
  ""importOnly"": true,
  ""items"": {
    ""32.7.0"": { ""function"": 3, ""register"": 12, ""encoding"": ""uint16"", ""scaler"": -1, ""unit"": ""V"" },
    ""1.7.0"": { ""function"": 3, ""register"": 14, ""encoding"": ""int16"", ""scaler"": 0, ""unit"": ""W"" },
    ""14.7.0"": { ""function"": 3, ""register"": 17, ""encoding"": ""uint16"", ""scaler"": -2, ""unit"": ""Hz"" }
  },
  ""variants"": [
    {
      ""id"": ""import-000A"",
      ""evidence"": ""DDS238-4 W manual 9.3 and DDS238-2 ZN/S table: export 0008h-0009h, import 000Ah-000Bh, 0.01 kWh; 0002h-0007h reserved. Import + export equals the total at 0000h."",
      ""items"": {
        ""1.8.0"": { ""function"": 3, ""register"": 10, ""encoding"": ""uint32"", ""order"": ""ABCD"", ""scaler"": 1, ""unit"": ""Wh"" },
        ""2.8.0"": { ""function"": 3, ""register"": 8, ""encoding"": ""uint32"", ""order"": ""ABCD"", ""scaler"": 1, ""unit"": ""Wh"" }
      },
      ""total"": { ""function"": 3, ""register"": 0, ""encoding"": ""uint32"", ""order"": ""ABCD"", ""scaler"": 1, ""unit"": ""Wh"" }
    },
    {
      ""id"": ""import-0006"",
      ""evidence"": ""the 'version 1' layout Tasmota's DDS238-2 driver defaults to: export 0004h-0005h, import 0006h-0007h, 0.01 kWh (total at 0000h as on every DDS238 table; not confirmed by a Hiking document). Import + export equals the total; the 000Ah layout reads 0 there."",
      ""items"": {
        ""1.8.0"": { ""function"": 3, ""register"": 6, ""encoding"": ""uint32"", ""order"": ""ABCD"", ""scaler"": 1, ""unit"": ""Wh"" },
        ""2.8.0"": { ""function"": 3, ""register"": 4, ""encoding"": ""uint32"", ""order"": ""ABCD"", ""scaler"": 1, ""unit"": ""Wh"" }
      },
      ""total"": { ""function"": 3, ""register"": 0, ""encoding"": ""uint32"", ""order"": ""ABCD"", ""scaler"": 1, ""unit"": ""Wh"" }
    }
  ]
}";

        public const string ChintDdsu666 = @"{
  ""id"": ""chint-ddsu666"",
  ""vendor"": ""CHINT"",
  ""model"": ""DDSU666"",
  ""source"": ""CHINT DDSU666 user manual ZTY0.464.922, ModBus address table (read command 03H, IEEE 754 float, high word first): 2000H U (V), 2004H P (kW), 200EH Freq (Hz), 4000H ImpEp (kWh). Stock meters speak DL/T645-2007 at 2400 8E1: Protocol (0005H) switches to Modbus; Addr (0006H) is the last two digits of the label number; BAud is 000CH. This link is the commissioned one"",
  ""protocol"": ""modbus"",
  ""link"": { ""medium"": ""rs485"", ""baud"": 9600, ""dataBits"": 8, ""parity"": ""none"", ""stopBits"": 1 },
  ""address"": 1,
  ""addressRule"": ""label-last-two-digits"",
  ""items"": {
    ""32.7.0"": { ""function"": 3, ""register"": 8192, ""encoding"": ""float32"", ""order"": ""ABCD"", ""scaler"": 0, ""unit"": ""V"" },
    ""1.7.0"": { ""function"": 3, ""register"": 8196, ""encoding"": ""float32"", ""order"": ""ABCD"", ""scaler"": 3, ""unit"": ""W"" },
    ""14.7.0"": { ""function"": 3, ""register"": 8206, ""encoding"": ""float32"", ""order"": ""ABCD"", ""scaler"": 0, ""unit"": ""Hz"" }
  },
  ""variants"": [
    {
      ""id"": ""bidirectional"",
      ""evidence"": ""bidirectional DDSU666 units answer ExpEp at 400AH (read as export energy by Tasmota's and OpenEMS's DDSU666 drivers); 4000H is then import only"",
      ""items"": {
        ""1.8.0"": { ""function"": 3, ""register"": 16384, ""encoding"": ""float32"", ""order"": ""ABCD"", ""scaler"": 3, ""unit"": ""Wh"" },
        ""2.8.0"": { ""function"": 3, ""register"": 16394, ""encoding"": ""float32"", ""order"": ""ABCD"", ""scaler"": 3, ""unit"": ""Wh"" }
      }
    },
    {
      ""id"": ""base"",
      ""evidence"": ""DDSU666 manual ZTY0.464.922, energy table: 4000H ImpEp adds reverse energy into forward ('reverse is metered as forward'); ExpEp 400AH and what follows are marked not supported on the DDSU666 (exception 02)"",
      ""importIncludesExport"": true,
      ""items"": {
        ""1.8.0"": { ""function"": 3, ""register"": 16384, ""encoding"": ""float32"", ""order"": ""ABCD"", ""scaler"": 3, ""unit"": ""Wh"" }
      }
    }
  ]
}";

        public const string EastronSdm120 = @"{
  ""id"": ""eastron-sdm120"",
  ""vendor"": ""Eastron"",
  ""model"": ""SDM120-Modbus"",
  ""source"": ""Eastron SDM120-Modbus protocol V2.4 (same in V2.5), input registers 30001/30013/30071/30073/30075 (function 04, IEEE 754 float); holding register 464513 (FC00h) serial number, unsigned 32-bit, read-only (not in the older Eastron-Europe edition: a synthetic serial stands in); factory link 2400 8N1, address 1 (holding 40029 baud, 40019 parity/stop, 40021 address)"",
  ""protocol"": ""modbus"",
  ""link"": { ""medium"": ""rs485"", ""baud"": 2400, ""dataBits"": 8, ""parity"": ""none"", ""stopBits"": 1 },
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

        /// <summary>The "id" of each of <see cref="All"/>, in the same order (so a profile is parsed only when named).</summary>
        public static readonly string[] Ids = { "hiking-dds238", "chint-ddsu666", "eastron-sdm120", "dlms-generic-single-phase" };

        /// <summary>Whether <paramref name="id"/> is a built-in profile, without parsing any.</summary>
        public static bool Has(string id)
        {
            return IndexOf(id) >= 0;
        }

        /// <summary>
        /// Parses the built-in profile <paramref name="id"/> as the gateway keeps it (no descriptions, see
        /// <see cref="ProfileReader.LoadForGateway"/>), or returns null when none has that id. Only the profiles a
        /// configuration names are parsed: parsing all of them would take tens of kilobytes of heap at boot.
        /// </summary>
        public static VendorProfile Load(string id) => Load(id, null);

        /// <summary>
        /// As <see cref="Load(string)"/>, with the profile's UTF-8 text written into <paramref name="text"/> when it holds
        /// <see cref="TextLength"/> bytes (else into a buffer of its own): one buffer, sized for the longest profile a
        /// configuration names, then serves them all.
        /// </summary>
        public static VendorProfile Load(string id, byte[] text) => Load(id, text, null);

        /// <summary>
        /// As <see cref="Load(string, byte[])"/>, the text's JSON index recorded into <paramref name="table"/> when it holds
        /// <see cref="TableLength"/> ints (else into a table of its own).
        /// </summary>
        public static VendorProfile Load(string id, byte[] text, int[] table)
        {
            int length = TextLength(id);
            byte[] utf8 = Encoded(id, text, length);
            return utf8 == null ? null : ProfileReader.LoadForGateway(utf8, length, table).Profile;
        }

        /// <summary>
        /// The ints of the JSON index of built-in profile <paramref name="id"/> (its text written into <paramref name="text"/>
        /// as by <see cref="Load(string, byte[])"/>); 0 for an unknown id. Counting is a parse without recording: the
        /// gateway sizes one table for the profiles it names before reading any.
        /// </summary>
        public static int TableLength(string id, byte[] text)
        {
            int length = TextLength(id);
            byte[] utf8 = Encoded(id, text, length);
            return utf8 == null ? 0 : JsonIndex.TableLength(utf8, 0, length, JsonLimits.Default);
        }

        /// <summary>The UTF-8 text of <paramref name="id"/> (<paramref name="length"/> bytes) in <paramref name="text"/> when it fits, else in a buffer of its own; null for an unknown id.</summary>
        private static byte[] Encoded(string id, byte[] text, int length)
        {
            int index = IndexOf(id);
            if (index < 0)
            {
                return null;
            }

            string json = All[index];
            byte[] utf8 = text != null && text.Length >= length ? text : new byte[length];
            Encoding.UTF8.GetBytes(json, 0, json.Length, utf8, 0);
            return utf8;
        }

        /// <summary>Bytes of the UTF-8 text of built-in profile <paramref name="id"/>, counted without encoding it; 0 for an unknown id.</summary>
        public static int TextLength(string id)
        {
            int index = IndexOf(id);
            if (index < 0)
            {
                return 0;
            }

            string json = All[index];
            int length = 0;
            for (int i = 0; i < json.Length; i++)
            {
                char c = json[i];
                if (c < 0x80)
                {
                    length += 1;
                }
                else if (c < 0x800)
                {
                    length += 2;
                }
                else if (c >= 0xD800 && c <= 0xDBFF)
                {
                    // A surrogate pair: one 4-byte sequence for the two chars.
                    length += 4;
                    i++;
                }
                else
                {
                    length += 3;
                }
            }

            return length;
        }

        private static int IndexOf(string id)
        {
            for (int i = 0; i < Ids.Length; i++)
            {
                if (Ids[i] == id)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
