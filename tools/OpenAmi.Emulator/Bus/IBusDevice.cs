namespace OpenAmi.Emulator.Bus;

/// <summary>A device on the simulated RS-485 line: sees every frame on the wire and may answer it.</summary>
public interface IBusDevice
{
    /// <summary>The answer to a frame, or null when the frame is not for this device (or the device is silent).</summary>
    byte[]? Handle(byte[] frame);
}
