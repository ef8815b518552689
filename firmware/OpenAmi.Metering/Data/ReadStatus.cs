namespace OpenAmi.Metering.Data
{
    /// <summary>Outcome of one attribute read or write, whatever the protocol underneath.</summary>
    public enum ReadStatus
    {
        Ok = 0,
        /// <summary>The meter did not answer within the timeout (the only status that counts as silence).</summary>
        NoResponse = 1,
        /// <summary>An answer arrived but failed its checksum or framing.</summary>
        CorruptResponse = 2,
        /// <summary>The meter refused: access level, authentication or read-write denied.</summary>
        AccessDenied = 3,
        /// <summary>The meter does not have the object or register asked for.</summary>
        ObjectUndefined = 4,
        /// <summary>The meter answered with a data type the caller cannot use.</summary>
        UnexpectedType = 5,
        /// <summary>The adapter or protocol cannot perform this request (e.g. object list on Modbus).</summary>
        NotSupported = 6,
        /// <summary>The meter answered with a device-side failure (hardware fault, busy, other exception).</summary>
        DeviceError = 7,
    }

    /// <summary>Stable names for <see cref="ReadStatus"/> (enum ToString gives a number on the device).</summary>
    public static class ReadStatusNames
    {
        public static string Name(ReadStatus status)
        {
            switch (status)
            {
                case ReadStatus.Ok: return "ok";
                case ReadStatus.NoResponse: return "no_response";
                case ReadStatus.CorruptResponse: return "corrupt_response";
                case ReadStatus.AccessDenied: return "access_denied";
                case ReadStatus.ObjectUndefined: return "object_undefined";
                case ReadStatus.UnexpectedType: return "unexpected_type";
                case ReadStatus.NotSupported: return "not_supported";
                default: return "device_error";
            }
        }

        /// <summary>A meter that answers at all, even with a refusal, is not silent.</summary>
        public static bool IsSilence(ReadStatus status) => status == ReadStatus.NoResponse || status == ReadStatus.CorruptResponse;
    }
}
