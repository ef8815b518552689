using System.Collections;
using OpenAmi.Metering.Data;

namespace OpenAmi.Metering.Ports
{
    /// <summary>
    /// The metering layer's only way to a meter. One transaction per call; callers serialise calls per bus.
    /// Implementations: the DLMS adapter (over OpenAmi.Dlms), the Modbus adapter, fakes in tests. A meter's controls
    /// (supply switch, token gateway) go through the same port, so no caller needs to know the protocol.
    /// </summary>
    public interface IMeterReader
    {
        /// <summary>Reads one attribute into <paramref name="into"/> (cleared first). Never throws for meter-side problems.</summary>
        ReadStatus Read(int meterAddress, CosemAttributeRef target, MeterValue into);

        /// <summary>Writes one attribute (e.g. the clock, class 8 attribute 2).</summary>
        ReadStatus Write(int meterAddress, CosemAttributeRef target, MeterValue value);

        /// <summary>Reads the current association's object list; adds <see cref="CosemObjectInfo"/> entries to <paramref name="into"/>.</summary>
        ReadStatus ReadObjectList(int meterAddress, ArrayList into);

        /// <summary>
        /// Opens the meter's own supply switch: <c>remote_disconnect</c> of its Disconnect control (class 70) at
        /// <paramref name="controlLogicalName"/>. NotSupported when the meter has none this reader can drive.
        /// </summary>
        ReadStatus RemoteDisconnect(int meterAddress, byte[] controlLogicalName);

        /// <summary>
        /// Hands a token to the meter's Token gateway (class 115 <c>enter</c>) and reads its <c>token_status</c> back;
        /// a token whose <c>enter</c> went unanswered is never entered twice. Status NotSupported without a token gateway.
        /// </summary>
        TokenGatewayAnswer EnterToken(int meterAddress, byte[] token, int offset, int count);

        /// <summary>Reads the Token gateway's <c>token_status</c> again (after an answer that was not final yet).</summary>
        TokenGatewayAnswer ReadTokenStatus(int meterAddress);
    }
}
