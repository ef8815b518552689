// Upstream: github.com/nanoframework/System.Device.Adc tag v1.1.24 (commit ac05de033b9dbdc647b61e88e7a5fe28bc2057bf),
// System.Device.Adc/{AdcController,AdcControllerBase,AdcChannel,AdcChannelBase}.cs.
// ReadValue is one conversion per managed call.
namespace System.Device.Adc
{
    public abstract class AdcChannelBase
    {
        public abstract int ReadValue();
        public double ReadRatio() => throw null;
        public AdcController Controller => throw null;
    }

    public class AdcChannel : AdcChannelBase, IDisposable
    {
        internal AdcChannel() { }
        public override int ReadValue() => throw null;
        public void Dispose() => throw null;
    }

    public abstract class AdcControllerBase
    {
        public abstract AdcChannel OpenChannel(int channelNumber);
        public abstract int ChannelCount { get; }
        public abstract int MaxValue { get; }
        public abstract int MinValue { get; }
        public abstract int ResolutionInBits { get; }
    }

    public class AdcController : AdcControllerBase
    {
        public AdcController() { }
        public override int ChannelCount => throw null;
        public override int MaxValue => throw null;
        public override int MinValue => throw null;
        public override int ResolutionInBits => throw null;
        public override AdcChannel OpenChannel(int channelNumber) => throw null;
    }
}
