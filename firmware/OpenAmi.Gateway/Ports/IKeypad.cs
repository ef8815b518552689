namespace OpenAmi.Gateway.Ports
{
    /// <summary>A debounced key-down: '0'–'9', '*', '#', and 'A'–'D' on 4×4 keypads.</summary>
    public delegate void KeyPressedHandler(char key);

    /// <summary>
    /// The pole's keypad as the platform delivers it (device: the matrix scanner on its own thread; emulator: a
    /// simulated keypad). Raised on any thread: the gateway only queues the key and handles it on the command lane.
    /// </summary>
    public interface IKeypad
    {
        event KeyPressedHandler KeyPressed;
    }
}
