namespace OpenAmi.Gateway.Config
{
    public enum BusKind
    {
        /// <summary>A half-duplex RS-485 line shared by DLMS/HDLC and Modbus RTU meters.</summary>
        Rs485 = 0,

        /// <summary>An IEC 62056-21 optical head on one meter (mode E sign-on at 300 Bd, then HDLC).</summary>
        Optical = 1,

        /// <summary>An RS-485 line reached through a TCP serial server (raw TCP): HDLC and Modbus RTU bytes pass unchanged.</summary>
        TcpSerial = 2,

        /// <summary>A meter's own IP port: DLMS APDUs in the IEC 62056-47 wrapper on TCP (registered port 4059).</summary>
        DlmsWrapper = 3,
    }

    public enum PrepaidMode
    {
        None = 0,

        /// <summary>An STS meter: the gateway carries keypad and remote tokens to its token gateway (class 115).</summary>
        Sts = 1,
    }

    /// <summary>Stable JSON spellings of the enums (enum ToString gives a number on the device).</summary>
    public static class ConfigNames
    {
        public static readonly string[] BusKinds = { "rs485", "optical", "tcp_serial", "dlms_wrapper" };
        public static readonly string[] Protocols = { "dlms", "modbus" };
        public static readonly string[] Roles = { "customer", "feeder_head" };
        public static readonly string[] PrepaidModes = { "none", "sts" };
        public static readonly string[] CreditUnits = { "time", "energy" };

        /// <summary>Indexed by OpenAmi.Cellular's ModemFamily.</summary>
        public static readonly string[] ModemFamilies = { "a76xx", "sim7600" };
    }
}
