namespace OpenAmi.Prepaid.OpenPayGo
{
    /// <summary>What a decoded OpenPAYGO token asks the line to do (OpenPAYGO Token spec, "Code Values Table").</summary>
    public enum OpenPaygoTokenType
    {
        None = 0,
        AddTime = 1,
        SetTime = 2,
        DisablePayg = 3,
        CounterSync = 4,
    }

    /// <summary>Wire names used by the CLI and events (enum names differ on the device, so they are mapped here).</summary>
    public static class OpenPaygoTokenTypeNames
    {
        public static string ToName(OpenPaygoTokenType type)
        {
            switch (type)
            {
                case OpenPaygoTokenType.AddTime: return "add_time";
                case OpenPaygoTokenType.SetTime: return "set_time";
                case OpenPaygoTokenType.DisablePayg: return "disable_payg";
                case OpenPaygoTokenType.CounterSync: return "counter_sync";
                default: return "none";
            }
        }

        /// <summary>Returns <see cref="OpenPaygoTokenType.None"/> for an unknown name.</summary>
        public static OpenPaygoTokenType Parse(string name)
        {
            if (name == "add_time") return OpenPaygoTokenType.AddTime;
            if (name == "set_time") return OpenPaygoTokenType.SetTime;
            if (name == "disable_payg") return OpenPaygoTokenType.DisablePayg;
            if (name == "counter_sync") return OpenPaygoTokenType.CounterSync;
            return OpenPaygoTokenType.None;
        }
    }
}
