namespace OpenAmi.Gateway.Ports
{
    /// <summary>
    /// Told by <see cref="App.GatewayApp"/> after each part of the composition is built, in order, so the platform
    /// can read what that part took from the heap (host: the thread's allocated bytes; device: the free heap after a
    /// collection). Optional; the composition never depends on it.
    /// </summary>
    public interface ICompositionProbe
    {
        /// <summary>The composition starts (after the ports are checked).</summary>
        void Composing();

        void Composed(string component);
    }
}
