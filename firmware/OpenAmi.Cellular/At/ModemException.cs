using OpenAmi.Northbound;

namespace OpenAmi.Cellular.At
{
    /// <summary>
    /// A failed modem dialogue. It is a <see cref="NorthboundException"/> because the MQTT link contract reports every
    /// connect/publish failure with that type; <see cref="Kind"/> and <see cref="Code"/> keep the detail for diagnostics.
    /// </summary>
    public sealed class ModemException : NorthboundException
    {
        public ModemException(ModemErrorKind kind, int code, string message) : base(KindText(kind) + ": " + message)
        {
            Kind = kind;
            Code = code;
        }

        public ModemErrorKind Kind { get; }

        /// <summary>The +CME ERROR number or the SIMCom MQTT &lt;err&gt;; -1 when there is none.</summary>
        public int Code { get; }

        public static string KindText(ModemErrorKind kind)
        {
            switch (kind)
            {
                case ModemErrorKind.Timeout: return "modem timeout";
                case ModemErrorKind.Error: return "modem ERROR";
                case ModemErrorKind.CmeError: return "modem +CME ERROR";
                case ModemErrorKind.Reset: return "modem restarted";
                case ModemErrorKind.Protocol: return "modem protocol error";
                case ModemErrorKind.Mqtt: return "modem MQTT error";
                case ModemErrorKind.SimNotReady: return "SIM not ready";
                case ModemErrorKind.NotRegistered: return "not registered";
                case ModemErrorKind.InvalidArgument: return "invalid AT argument";
                case ModemErrorKind.NoResponse: return "modem not responding";
                default: return "modem failure";
            }
        }
    }
}
