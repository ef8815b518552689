using System.Collections;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;

namespace OpenAmi.Metering.Dlms
{
    /// <summary>
    /// The class-115 protocol of the DLMS reader: <c>enter</c> (method 1) of the meter's Token gateway (instance
    /// 0-0:19.40.0*255, DLMS UA Blue Book), then its <c>token_status</c> (attribute 6: structure of status_code enum
    /// and data_value bit-string) read back, data_value's first octet being the meter's STS token result.
    /// An <c>enter</c> that got no answer may still have reached the meter: before sending that token again the reader
    /// reads the gateway's <c>token</c> (attribute 2, the last token received) and, when it is this one, only reads
    /// the status — an STS meter would otherwise refuse the second entry as used.
    /// </summary>
    internal sealed class DlmsTokenGateway
    {
        private static readonly byte[] TokenGatewayLn = { 0, 0, 19, 40, 0, 255 };
        private const int TokenAttribute = 2;
        private const int TokenStatusAttribute = 6;

        private readonly DlmsMeterReader _reader;
        private readonly MeterValue _token = new MeterValue();
        private readonly CosemAttributeRef _enter = new CosemAttributeRef(CosemClass.TokenGateway, TokenGatewayLn, CosemClass.TokenEnter);
        private readonly CosemAttributeRef _status = new CosemAttributeRef(CosemClass.TokenGateway, TokenGatewayLn, TokenStatusAttribute);
        private readonly CosemAttributeRef _lastToken = new CosemAttributeRef(CosemClass.TokenGateway, TokenGatewayLn, TokenAttribute);

        /// <summary>Meter addresses whose last <c>enter</c> went unanswered.</summary>
        private readonly Hashtable _unanswered = new Hashtable();

        public DlmsTokenGateway(DlmsMeterReader reader)
        {
            _reader = reader;
        }

        public TokenGatewayAnswer Enter(int address, byte[] token, int offset, int count)
        {
            if (_unanswered.Contains(address))
            {
                ReadStatus taken = AlreadyTaken(address, token, offset, count);
                if (ReadStatusNames.IsSilence(taken))
                {
                    return new TokenGatewayAnswer(taken, 0, TokenGatewayAnswer.NoTokenResult, false);
                }

                _unanswered.Remove(address);
                if (taken == ReadStatus.Ok)
                {
                    return Status(address);
                }
            }

            _token.SetBytes(token, offset, count);
            ReadStatus entered = _reader.Invoke(address, _enter, _token);
            if (ReadStatusNames.IsSilence(entered))
            {
                _unanswered[address] = true;
                return new TokenGatewayAnswer(entered, 0, TokenGatewayAnswer.NoTokenResult, false);
            }

            TokenGatewayAnswer status = Status(address);
            // The meter took the token but its status answer got lost: ask again later rather than send it twice.
            return ReadStatusNames.IsSilence(status.Status) && entered == ReadStatus.Ok
                ? new TokenGatewayAnswer(status.Status, 0, TokenGatewayAnswer.NoTokenResult, true)
                : status;
        }

        public TokenGatewayAnswer Status(int address)
        {
            DataValue value;
            ReadStatus read = _reader.ReadData(address, _status, out value);
            if (read == ReadStatus.Ok && (value.Type != DataType.Structure || value.Count < 1 || !value[0].IsInteger))
            {
                read = ReadStatus.UnexpectedType;
            }

            return read != ReadStatus.Ok
                ? new TokenGatewayAnswer(read, 0, TokenGatewayAnswer.NoTokenResult, false)
                : new TokenGatewayAnswer(read, (int)value[0].AsInt64(), TokenResultOf(value), false);
        }

        /// <summary>Ok when the meter's last received token is this one; a silence; or anything else (not this token).</summary>
        private ReadStatus AlreadyTaken(int address, byte[] token, int offset, int count)
        {
            DataValue last;
            ReadStatus read = _reader.ReadData(address, _lastToken, out last);
            if (read != ReadStatus.Ok)
            {
                return read;
            }

            byte[] bytes = last.Type == DataType.OctetString ? last.AsBytes() : null;
            if (bytes == null || bytes.Length != count)
            {
                return ReadStatus.UnexpectedType;
            }

            for (int i = 0; i < count; i++)
            {
                if (bytes[i] != token[offset + i])
                {
                    return ReadStatus.UnexpectedType;
                }
            }

            return ReadStatus.Ok;
        }

        /// <summary>The STS token result a meter may put in data_value (8 bits, first octet); none when absent.</summary>
        private static int TokenResultOf(DataValue status)
        {
            if (status.Count < 2 || status[1].Type != DataType.BitString || status[1].BitCount < 8)
            {
                return TokenGatewayAnswer.NoTokenResult;
            }

            return status[1].AsBytes()[0];
        }
    }
}
