// Upstream: github.com/nanoframework/nanoFramework.Runtime.Events tag v1.11.32 (commit 3becfe40f827cea4e80e4710346541c93bd4dfc8),
// nanoFramework.Runtime.Events/BaseEvent.cs. Only the base of System.Device.Gpio's PinValueChangedEventArgs.
namespace nanoFramework.Runtime.Events
{
    public class BaseEvent
    {
        public ushort Source;
        public byte Message;
    }
}
