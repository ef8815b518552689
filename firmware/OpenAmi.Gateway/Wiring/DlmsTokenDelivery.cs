using System.Collections;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Metering.Dlms;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Registration;
using OpenAmi.Prepaid.Ports;
using MeterStatus = OpenAmi.Metering.Ports.ReadStatus;

namespace OpenAmi.Gateway.Wiring
{
    /// <summary>Finds the record of a configured meter by its id (the metering side's registry).</summary>
    public delegate MeterRecord MeterLookup(string meterId);

    /// <summary>
    /// Prepaid's <see cref="ITokenDelivery"/> over the metering side's DLMS reader: <c>enter</c> (method 1) of the
    /// meter's Token gateway (interface class 115, instance 0-0:19.40.0*255, DLMS UA Blue Book), then its
    /// <c>token_status</c> (attribute 6: structure of status_code enum and data_value bit-string) read back; a
    /// data_value carrying the meter's STS token result makes a refusal finer (used, old, CRC, manufacturer code).
    /// Runs on the scheduler's one thread, so a delivery never interleaves with a poll on the same bus.
    /// An <c>enter</c> that got no answer may still have reached the meter: before sending that token again the
    /// gateway reads the gateway's <c>token</c> (attribute 2, the last token received) and, when it is this one,
    /// only reads the status — an STS meter would otherwise refuse the second entry as used.
    /// </summary>
    public sealed class DlmsTokenDelivery : ITokenDelivery
    {
        private static readonly byte[] TokenGatewayLn = { 0, 0, 19, 40, 0, 255 };
        private const int TokenAttribute = 2;
        private const int TokenStatusAttribute = 6;

        private readonly MeterLookup _meters;
        private readonly MeterValue _token = new MeterValue();
        private readonly CosemAttributeRef _enter = new CosemAttributeRef(CosemClass.TokenGateway, TokenGatewayLn, CosemClass.TokenEnter);
        private readonly CosemAttributeRef _status = new CosemAttributeRef(CosemClass.TokenGateway, TokenGatewayLn, TokenStatusAttribute);
        private readonly CosemAttributeRef _lastToken = new CosemAttributeRef(CosemClass.TokenGateway, TokenGatewayLn, TokenAttribute);

        /// <summary>Meters whose last <c>enter</c> went unanswered (by meter id).</summary>
        private readonly Hashtable _unanswered = new Hashtable();

        public DlmsTokenDelivery(MeterLookup meters)
        {
            _meters = meters;
        }

        public TokenDeliveryStatus Deliver(string meterId, byte[] token, int offset, int count)
        {
            MeterRecord meter = _meters(meterId);
            var reader = meter == null ? null : meter.Reader as DlmsMeterReader;
            if (reader == null)
            {
                // Not a DLMS meter of this gateway: no token gateway to carry it to, now or later.
                return TokenDeliveryStatus.ExecutionFailure;
            }

            if (_unanswered.Contains(meterId))
            {
                MeterStatus taken = AlreadyTaken(reader, meter.Address, token, offset, count);
                if (ReadStatusNames.IsSilence(taken))
                {
                    return TokenDeliveryStatus.Unreachable;
                }

                _unanswered.Remove(meterId);
                if (taken == MeterStatus.Ok)
                {
                    return QueryStatus(reader, meter.Address);
                }
            }

            _token.SetBytes(token, offset, count);
            MeterStatus entered = reader.Invoke(meter.Address, _enter, _token);
            if (ReadStatusNames.IsSilence(entered))
            {
                _unanswered[meterId] = true;
                return TokenDeliveryStatus.Unreachable;
            }

            TokenDeliveryStatus status = QueryStatus(reader, meter.Address);
            if (status == TokenDeliveryStatus.Unreachable)
            {
                // The meter took the token but its answer got lost: ask again later rather than send it twice.
                return entered == MeterStatus.Ok ? TokenDeliveryStatus.Pending : TokenDeliveryStatus.Unreachable;
            }

            return status;
        }

        public TokenDeliveryStatus ReadStatus(string meterId)
        {
            MeterRecord meter = _meters(meterId);
            var reader = meter == null ? null : meter.Reader as DlmsMeterReader;
            return reader == null ? TokenDeliveryStatus.ExecutionFailure : QueryStatus(reader, meter.Address);
        }

        /// <summary>Ok when the meter's last received token is this one; a silence; or anything else (not this token).</summary>
        private MeterStatus AlreadyTaken(DlmsMeterReader reader, int address, byte[] token, int offset, int count)
        {
            DataValue last;
            MeterStatus read = reader.ReadData(address, _lastToken, out last);
            if (read != MeterStatus.Ok)
            {
                return read;
            }

            byte[] bytes = last.Type == DataType.OctetString ? last.AsBytes() : null;
            if (bytes == null || bytes.Length != count)
            {
                return MeterStatus.UnexpectedType;
            }

            for (int i = 0; i < count; i++)
            {
                if (bytes[i] != token[offset + i])
                {
                    return MeterStatus.UnexpectedType;
                }
            }

            return MeterStatus.Ok;
        }

        private TokenDeliveryStatus QueryStatus(DlmsMeterReader reader, int address)
        {
            DataValue value;
            MeterStatus read = reader.ReadData(address, _status, out value);
            if (ReadStatusNames.IsSilence(read))
            {
                return TokenDeliveryStatus.Unreachable;
            }

            if (read != MeterStatus.Ok || value.Type != DataType.Structure || value.Count < 1 || !value[0].IsInteger)
            {
                return TokenDeliveryStatus.ExecutionFailure;
            }

            return TokenGatewayStatusCodes.ToDeliveryStatus((int)value[0].AsInt64(), StsResultOf(value));
        }

        /// <summary>The STS token result a meter may put in data_value (8 bits, first octet); none when absent.</summary>
        private static int StsResultOf(DataValue status)
        {
            if (status.Count < 2 || status[1].Type != DataType.BitString || status[1].BitCount < 8)
            {
                return StsTokenResult.None;
            }

            return status[1].AsBytes()[0];
        }
    }
}
