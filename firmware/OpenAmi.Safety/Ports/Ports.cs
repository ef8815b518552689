using OpenAmi.Safety.Events;

namespace OpenAmi.Safety.Ports
{
    /// <summary>
    /// Captures residual-current samples of one line back to back, as uniformly as the platform allows (on the device:
    /// one ADC read per managed call, paced by the µs clock). Returns the samples captured and the span they covered.
    /// </summary>
    public interface IResidualSampleSource
    {
        int Capture(int[] buffer, int offset, int count, out long elapsedMicroseconds);
    }

    /// <summary>
    /// The SSR drive of one line. Hardware enforces SSR_EN = SSR_ON AND NOT LATCH AND SSR_ARM; SSR_ARM is low at power-up.
    /// Owned by Safety: no other library gets this port.
    /// </summary>
    public interface ILineSwitch
    {
        void SetOn(bool on);

        void SetArmed(bool armed);

        /// <summary>A deliberate reset pulse to the line's trip latch; hardware ignores it while a fault input is active.</summary>
        void PulseLatchReset();
    }

    /// <summary>Trip-path inputs of one line: the hardware latch and the sensor module's error output.</summary>
    public interface ITripInputs
    {
        bool LatchSet { get; }

        bool ModuleError { get; }
    }

    /// <summary>The board-wide ANY_TRIP line (OR of every line's latch), wired to a GPIO.</summary>
    public interface IAnyTripInput
    {
        bool Asserted { get; }
    }

    /// <summary>The sensor's test winding / test input of one line.</summary>
    public interface ITestCurrentOutput
    {
        void SetTestCurrent(bool on);
    }

    /// <summary>
    /// The line's independent test loop: wires through the sensor window carrying a precision current set by the board's
    /// own parts (<see cref="Board.PoleBoardRcm.TestLoopMa"/>), one turn in the line's direction and one against it.
    /// </summary>
    public interface ITestLoopOutput
    {
        /// <summary>+1 drives the forward turn, -1 the reverse turn, 0 switches the loop off.</summary>
        void SetTestLoop(int polarity);
    }

    /// <summary>Load-side voltage sense of one line (present while the SSR conducts, or when it is welded).</summary>
    public interface ILoadVoltageSense
    {
        bool VoltagePresent { get; }
    }

    /// <summary>The reset button on the board: the only way to clear a lockout.</summary>
    public interface ILocalResetInput
    {
        bool Pressed { get; }
    }

    /// <summary>Small persistent records (flash); a reboot must not clear a lockout.</summary>
    public interface ISafetyStore
    {
        /// <summary>The stored bytes, or null when nothing was ever saved under the key.</summary>
        byte[] Load(string key);

        void Save(string key, byte[] data, int count);
    }

    /// <summary>Where the rcm_trip, rcm_fault, rcm_lockout and rcm_self_test events go (the Gateway maps them onto the northbound envelope).</summary>
    public interface ISafetyEventSink
    {
        void RcmTrip(RcmTripEvent tripEvent);

        void RcmFault(RcmFaultEvent faultEvent);

        void RcmLockout(RcmLockoutEvent lockoutEvent);

        /// <summary>A self-test measured the line's gain with the test loop and passed.</summary>
        void RcmSelfTest(RcmSelfTestEvent selfTestEvent);
    }

    /// <summary>
    /// Remembers, across reboots, the lines switched off on purpose (a head-end disconnect, credit run out), so that a
    /// power cut does not bring back a line somebody opened because of a hazard.
    /// </summary>
    public interface ISwitchOffMemory
    {
        bool IsOff(int line);

        /// <summary>Persists a switch-off; an I/O failure is thrown to the caller (the line is off either way).</summary>
        void SwitchedOff(int line);

        /// <summary>Forgets a switch-off once a request to energise was granted; never throws.</summary>
        void Wanted(int line);
    }

    /// <summary>What became of requests to energise a line, beyond the supervisor's own events (the Gateway reports them northbound).</summary>
    public interface ISupplyOutcomeSink
    {
        /// <summary>A request to energise a line was refused (every source: remote, keypad, credit, automatic).</summary>
        void Refused(int line, Policy.ReenergiseSource source, Policy.RefusalReason reason);

        /// <summary>A line opened by earth leakage held through its probe window: it is on again.</summary>
        void Restored(int line);
    }

    /// <summary>The safety thread's check-in with whatever supervises the device's threads (the Gateway's watchdog).</summary>
    public interface ISupervisionLease
    {
        void CheckIn();

        /// <summary>The loop ended on purpose; it is no longer supervised.</summary>
        void Release();
    }
}
