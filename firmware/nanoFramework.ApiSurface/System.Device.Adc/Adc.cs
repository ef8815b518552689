// Checked against nanoframework/System.Device.Adc System.Device.Adc/{AdcController,AdcChannel,AdcChannelBase}.cs
// (package nanoFramework.System.Device.Adc 1.1.x). ReadValue is one conversion per managed call.
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
        public override int ReadValue() => throw null;
        public void Dispose() => throw null;
    }

    public sealed class AdcController
    {
        public AdcController() { }
        public int ChannelCount => throw null;
        public int MaxValue => throw null;
        public int MinValue => throw null;
        public int ResolutionInBits => throw null;
        public AdcChannel OpenChannel(int channelNumber) => throw null;
    }
}
