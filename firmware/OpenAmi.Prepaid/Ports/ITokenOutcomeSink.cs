using OpenAmi.Prepaid.Entry;

namespace OpenAmi.Prepaid.Ports
{
    /// <summary>Receives every final token outcome (keypad or remote) as plain data; Northbound formats token_accepted / token_rejected.</summary>
    public interface ITokenOutcomeSink
    {
        void OnOutcome(TokenOutcome outcome);
    }
}
