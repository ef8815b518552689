namespace OpenAmi.Northbound.Commands
{
    /// <summary>The "type" values of command payloads (docs/northbound.md, "Commands").</summary>
    public static class CommandTypes
    {
        public const string ReadNow = "read-now";
        public const string Disconnect = "disconnect";
        public const string Reconnect = "reconnect";
        public const string Token = "token";
        public const string ClockSync = "clock-sync";
        public const string SetInterval = "set-interval";
        public const string Reboot = "reboot";
        public const string Config = "config";
        public const string ReadProfile = "read-profile";

        public static readonly string[] All = { ReadNow, Disconnect, Reconnect, Token, ClockSync, SetInterval, Reboot, Config, ReadProfile };

        public static bool IsKnown(string type)
        {
            for (int i = 0; i < All.Length; i++)
            {
                if (All[i] == type)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
