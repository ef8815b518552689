// Upstream: github.com/nanoframework/System.Device.Gpio tag v1.1.57 (commit 8b832b8512adcf2b8d5802095402d3bd11fb8b10),
// System.Device.Gpio/{GpioController,GpioPin,PinMode,PinValue,PinEventTypes,PinValueChangedEventArgs}.cs.
// Device fact from GpioPin.cs: ValueChanged is raised from the native interrupt through the managed event queue, one
// event per edge.
namespace System.Device.Gpio
{
    public enum PinMode
    {
        Input, InputPullDown, InputPullUp, Output, OutputOpenDrain, OutputOpenDrainPullUp, OutputOpenSource, OutputOpenSourcePullDown,
    }

    public readonly struct PinValue
    {
        public static PinValue High => throw null;
        public static PinValue Low => throw null;
        public static implicit operator PinValue(int value) => throw null;
        public static implicit operator PinValue(bool value) => throw null;
        public static explicit operator bool(PinValue value) => throw null;
        public bool Equals(PinValue other) => throw null;
        public override bool Equals(object obj) => throw null;
        public override int GetHashCode() => throw null;
        public static bool operator ==(PinValue a, PinValue b) => throw null;
        public static bool operator !=(PinValue a, PinValue b) => throw null;
    }

    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);

    [Flags]
    public enum PinEventTypes { None = 0, Rising = 1, Falling = 2 }

    public class PinValueChangedEventArgs : nanoFramework.Runtime.Events.BaseEvent
    {
        public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber) { }
        public PinEventTypes ChangeType => throw null;
        public int PinNumber => throw null;
    }

    public sealed class GpioPin : IDisposable
    {
        internal GpioPin() { }
        public event PinValueChangedEventHandler ValueChanged;
        public int PinNumber => throw null;
        public void SetPinMode(PinMode value) => throw null;
        public PinValue Read() => throw null;
        public void Write(PinValue value) => throw null;
        public void Dispose() => throw null;
    }

    public sealed class GpioController : IDisposable
    {
        public GpioController() { }
        public GpioPin OpenPin(int pinNumber) => throw null;
        public GpioPin OpenPin(int pinNumber, PinMode mode) => throw null;
        public void Dispose() => throw null;
    }
}
