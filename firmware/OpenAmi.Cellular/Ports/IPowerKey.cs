namespace OpenAmi.Cellular.Ports
{
    /// <summary>
    /// The modem's PWRKEY line (board: GPIO 25 through an open-collector stage, because the modem's PWRKEY is an
    /// active-low input referenced to its own supply). "Pressed" means PWRKEY pulled low.
    /// </summary>
    public interface IPowerKey
    {
        void SetPressed(bool pressed);
    }
}
