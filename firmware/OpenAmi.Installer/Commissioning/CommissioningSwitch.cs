namespace OpenAmi.Installer.Commissioning
{
    /// <summary>What the platform does with its access point after a <see cref="CommissioningSwitch"/> step.</summary>
    public enum AccessPointAction
    {
        None = 0,
        Start = 1,
        Stop = 2,
    }

    /// <summary>
    /// When the commissioning access point runs. On a board with no uplink configured (first boot: no Wi-Fi network and
    /// no cellular APN) it starts at boot and stays up, since it is the only way in. Otherwise it starts when LOCAL_RESET
    /// is held for <see cref="HoldMs"/> and stops <see cref="WindowMs"/> later; a further hold while it runs restarts
    /// the window. A platform that applies a change only by restarting (nanoFramework's soft AP) finds the access point
    /// on at the next <see cref="Boot"/>, and the window runs from there. The hold is longer than Safety's 3 s lockout reset on the same button, so a hold for the access point
    /// also clears the lockouts: both are for the person standing at the pole. The switch only decides; the platform
    /// starts and stops the radio.
    /// </summary>
    public sealed class CommissioningSwitch
    {
        public const long HoldMs = 10000;

        public const long WindowMs = 30 * 60 * 1000;

        private readonly bool _uplinkConfigured;
        private long _pressedSinceMs = -1;
        private bool _holdUsed;
        private long _stopAtMs;

        public CommissioningSwitch(bool uplinkConfigured)
        {
            _uplinkConfigured = uplinkConfigured;
        }

        public bool Running { get; private set; }

        /// <summary>
        /// At boot, with the access point <paramref name="accessPointOn"/> as stored: started when there is no other way
        /// to reach the board; one a hold stored before this boot's restart runs its window from now.
        /// </summary>
        public AccessPointAction Boot(long nowMs, bool accessPointOn)
        {
            if (!_uplinkConfigured)
            {
                Running = true;
                return accessPointOn ? AccessPointAction.None : AccessPointAction.Start;
            }

            Running = accessPointOn;
            _stopAtMs = nowMs + WindowMs;
            return AccessPointAction.None;
        }

        /// <summary>One look at the button (every few hundred milliseconds) at monotonic time <paramref name="nowMs"/>.</summary>
        public AccessPointAction Step(long nowMs, bool resetPressed)
        {
            if (!resetPressed)
            {
                _pressedSinceMs = -1;
                _holdUsed = false;
            }
            else if (_pressedSinceMs < 0)
            {
                _pressedSinceMs = nowMs;
            }
            else if (!_holdUsed && nowMs - _pressedSinceMs >= HoldMs)
            {
                // One hold, one start: keeping the button down longer does nothing more.
                _holdUsed = true;
                _stopAtMs = nowMs + WindowMs;
                if (!Running)
                {
                    Running = true;
                    return AccessPointAction.Start;
                }

                return AccessPointAction.None;
            }

            if (Running && _uplinkConfigured && nowMs >= _stopAtMs)
            {
                Running = false;
                return AccessPointAction.Stop;
            }

            return AccessPointAction.None;
        }
    }
}
