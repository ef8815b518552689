using OpenAmi.Dlms;
using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;

namespace OpenAmi.Metering.Dlms
{
    /// <summary>Between the DLMS library's values and errors and the metering port's <see cref="MeterValue"/> and <see cref="ReadStatus"/>.</summary>
    public static class DlmsValues
    {
        /// <summary>
        /// Copies a decoded attribute into <paramref name="into"/>. A two-element structure read from attribute 3
        /// is a scaler_unit; numbers stay raw (the scaler is applied above the port).
        /// </summary>
        public static ReadStatus ToMeterValue(DataValue value, int attribute, MeterValue into)
        {
            into.Clear();
            switch (value.Type)
            {
                case DataType.Boolean:
                    into.SetBoolean(value.AsBoolean());
                    return ReadStatus.Ok;
                case DataType.OctetString:
                case DataType.VisibleString:
                case DataType.Utf8String:
                case DataType.BitString:
                case DataType.DateTime:
                case DataType.Date:
                case DataType.Time:
                    byte[] bytes = value.AsBytes();
                    into.SetBytes(bytes, 0, bytes.Length);
                    return ReadStatus.Ok;
                case DataType.Structure:
                    if (attribute != CosemClass.ScalerUnit || value.Count != 2 || !value[0].IsInteger || !value[1].IsInteger)
                    {
                        return ReadStatus.UnexpectedType;
                    }

                    into.SetScalerUnit((int)value[0].AsInt64(), (int)value[1].AsInt64());
                    return ReadStatus.Ok;
                default:
                    if (value.IsReal || value.IsInteger)
                    {
                        into.SetNumber(value.AsDouble());
                        return ReadStatus.Ok;
                    }

                    return ReadStatus.UnexpectedType;
            }
        }

        /// <summary>A value to write: bytes as an octet-string (clock, configuration), flags as boolean, whole numbers as double-long.</summary>
        public static DataValue FromMeterValue(MeterValue value)
        {
            switch (value.Kind)
            {
                case MeterValueKind.Bytes:
                    var bytes = new byte[value.ByteCount];
                    System.Array.Copy(value.Bytes, 0, bytes, 0, value.ByteCount);
                    return DataValue.FromBytes(DataType.OctetString, bytes);
                case MeterValueKind.Boolean:
                    return DataValue.FromBoolean(value.Flag);
                case MeterValueKind.Number:
                    long whole = (long)value.Number;
                    if (whole == value.Number && whole >= int.MinValue && whole <= int.MaxValue)
                    {
                        return DataValue.FromInteger(DataType.DoubleLong, whole);
                    }

                    return null;
                default:
                    return null;
            }
        }

        /// <summary>
        /// What a DLMS failure means to the metering layer: only a timeout is silence; a garbled or out-of-sequence
        /// answer is a corrupt response; refusals keep the meter "alive".
        /// </summary>
        public static ReadStatus StatusOf(DlmsException e)
        {
            var access = e as DlmsAccessException;
            if (access != null)
            {
                return StatusOfAccessResult(access.Result);
            }

            switch (e.Code)
            {
                case DlmsErrorCode.Timeout:
                    return ReadStatus.NoResponse;
                case DlmsErrorCode.Malformed:
                case DlmsErrorCode.LinkProtocol:
                case DlmsErrorCode.UnexpectedResponse:
                case DlmsErrorCode.DecipheringFailed:
                    return ReadStatus.CorruptResponse;
                case DlmsErrorCode.AssociationRejected:
                case DlmsErrorCode.AuthenticationFailed:
                case DlmsErrorCode.AccessDenied:
                    return ReadStatus.AccessDenied;
                case DlmsErrorCode.LinkRefused:
                case DlmsErrorCode.ExceptionResponse:
                case DlmsErrorCode.ConfirmedServiceError:
                case DlmsErrorCode.ActionFailed:
                    return ReadStatus.DeviceError;
                default:
                    // NotSupported, LimitExceeded, BufferTooSmall, InvalidArgument, Iec21Protocol: the request itself cannot be served.
                    return ReadStatus.NotSupported;
            }
        }

        /// <summary>data-access-result (Green Book) → status.</summary>
        public static ReadStatus StatusOfAccessResult(int result)
        {
            switch (result)
            {
                case AccessResult.Success:
                    return ReadStatus.Ok;
                case AccessResult.ObjectUndefined:
                case AccessResult.ObjectClassInconsistent:
                    return ReadStatus.ObjectUndefined;
                case AccessResult.TypeUnmatched:
                    return ReadStatus.UnexpectedType;
                case AccessResult.HardwareFault:
                case AccessResult.TemporaryFailure:
                case AccessResult.ObjectUnavailable:
                    return ReadStatus.DeviceError;
                default:
                    // read-write-denied, scope-of-access-violated, object-class-inconsistent …
                    return ReadStatus.AccessDenied;
            }
        }
    }
}
