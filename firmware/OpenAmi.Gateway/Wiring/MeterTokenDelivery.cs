using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Registration;
using OpenAmi.Prepaid.Ports;

namespace OpenAmi.Gateway.Wiring
{
    /// <summary>Finds the record of a configured meter by its id (the metering side's registry).</summary>
    public delegate MeterRecord MeterLookup(string meterId);

    /// <summary>
    /// Prepaid's <see cref="ITokenDelivery"/> over the meter's own Token gateway, reached through Metering's reader
    /// of the meter (<see cref="IMeterReader.EnterToken"/>); the class-115 answer's codes become Prepaid's delivery
    /// status. Runs on the scheduler's one thread, so a delivery never interleaves with a poll on the same bus.
    /// </summary>
    public sealed class MeterTokenDelivery : ITokenDelivery
    {
        private readonly MeterLookup _meters;

        public MeterTokenDelivery(MeterLookup meters)
        {
            _meters = meters;
        }

        public TokenDeliveryStatus Deliver(string meterId, byte[] token, int offset, int count)
        {
            MeterRecord meter = _meters(meterId);
            return meter == null ? TokenDeliveryStatus.ExecutionFailure : StatusOf(meter.Reader.EnterToken(meter.Address, token, offset, count));
        }

        public TokenDeliveryStatus ReadStatus(string meterId)
        {
            MeterRecord meter = _meters(meterId);
            return meter == null ? TokenDeliveryStatus.ExecutionFailure : StatusOf(meter.Reader.ReadTokenStatus(meter.Address));
        }

        private static TokenDeliveryStatus StatusOf(TokenGatewayAnswer answer)
        {
            if (answer.EnteredUnconfirmed)
            {
                return TokenDeliveryStatus.Pending;
            }

            if (ReadStatusNames.IsSilence(answer.Status))
            {
                return TokenDeliveryStatus.Unreachable;
            }

            // Anything but a readable token_status (no token gateway, a refusal, an odd structure) cannot be retried into success.
            return answer.Status != Metering.Data.ReadStatus.Ok
                ? TokenDeliveryStatus.ExecutionFailure
                : TokenGatewayStatusCodes.ToDeliveryStatus(answer.StatusCode, answer.TokenResult);
        }
    }
}
