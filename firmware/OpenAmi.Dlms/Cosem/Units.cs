namespace OpenAmi.Dlms.Cosem
{
    /// <summary>
    /// Physical unit enumeration of the scaler_unit attribute (IEC 62056-6-2 / DLMS UA 1000-1 Blue Book,
    /// table "Enumerated values for physical units").
    /// </summary>
    public static class Units
    {
        public const int WattHour = 30;
        public const int Watt = 27;
        public const int Volt = 35;
        public const int Ampere = 33;
        public const int Hertz = 44;
        public const int VarHour = 32;
        public const int Currency = 10;
        public const int Count = 255;

        /// <summary>The unit's symbol, "" for count (no unit), or null for an unknown code.</summary>
        public static string Symbol(int unit)
        {
            switch (unit)
            {
                case 1: return "a";
                case 2: return "mo";
                case 3: return "wk";
                case 4: return "d";
                case 5: return "h";
                case 6: return "min";
                case 7: return "s";
                case 8: return "°";
                case 9: return "°C";
                case 10: return "currency";
                case 11: return "m";
                case 12: return "m/s";
                case 13: return "m3";
                case 14: return "m3";
                case 15: return "m3/h";
                case 16: return "m3/h";
                case 17: return "m3/d";
                case 18: return "m3/d";
                case 19: return "l";
                case 20: return "kg";
                case 21: return "N";
                case 22: return "Nm";
                case 23: return "Pa";
                case 24: return "bar";
                case 25: return "J";
                case 26: return "J/h";
                case 27: return "W";
                case 28: return "VA";
                case 29: return "var";
                case 30: return "Wh";
                case 31: return "VAh";
                case 32: return "varh";
                case 33: return "A";
                case 34: return "C";
                case 35: return "V";
                case 36: return "V/m";
                case 37: return "F";
                case 38: return "Ω";
                case 39: return "Ωm2/m";
                case 40: return "Wb";
                case 41: return "T";
                case 42: return "A/m";
                case 43: return "H";
                case 44: return "Hz";
                case 45: return "1/(Wh)";
                case 46: return "1/(varh)";
                case 47: return "1/(VAh)";
                case 48: return "V2h";
                case 49: return "A2h";
                case 50: return "kg/s";
                case 51: return "S";
                case 52: return "K";
                case 53: return "1/(V2h)";
                case 54: return "1/(A2h)";
                case 55: return "1/m3";
                case 56: return "%";
                case 57: return "Ah";
                case 60: return "Wh/m3";
                case 61: return "J/m3";
                case 62: return "Mol %";
                case 63: return "g/m3";
                case 64: return "Pa s";
                case 65: return "J/kg";
                case 66: return "g/cm2";
                case 67: return "atm";
                case 70: return "dBm";
                case 71: return "dBµV";
                case 72: return "dB";
                case 254: return "other";
                case 255: return "";
                default: return null;
            }
        }
    }

    /// <summary>Register scaler_unit (attribute 3): value × 10^scaler in <see cref="Unit"/>.</summary>
    public struct ScalerUnit
    {
        public ScalerUnit(int scaler, int unit)
        {
            Scaler = scaler;
            Unit = unit;
        }

        public int Scaler { get; }
        public int Unit { get; }

        /// <summary>From the structure {integer scaler, enum unit} a meter returns.</summary>
        public static ScalerUnit FromData(Axdr.DataValue value)
        {
            if (value.Type != Axdr.DataType.Structure || value.Count != 2)
            {
                throw new DlmsException(DlmsErrorCode.UnexpectedResponse, "scaler_unit must be a structure of two elements");
            }

            return new ScalerUnit((int)value[0].AsInt64(), (int)value[1].AsInt64());
        }

        public Axdr.DataValue ToData() => Axdr.DataValue.FromStructure(new[]
        {
            Axdr.DataValue.FromInteger(Axdr.DataType.Integer, Scaler),
            Axdr.DataValue.FromInteger(Axdr.DataType.Enum, Unit),
        });

        /// <summary>raw × 10^scaler, computed by repeated ×10 / ÷10 to stay exact for small scalers.</summary>
        public double Apply(double raw)
        {
            double result = raw;
            for (int i = 0; i < Scaler; i++)
            {
                result *= 10;
            }

            for (int i = 0; i > Scaler; i--)
            {
                result /= 10;
            }

            return result;
        }
    }
}
