using System;
using System.Collections;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Modbus
{
    /// <summary>
    /// The <see cref="IMeterReader"/> for Modbus meters: a COSEM reference is looked up in the meter's point
    /// table (from its vendor profile). Attribute 2 is the value (one bus transaction), attribute 3 the
    /// scaler_unit the datasheet defines (no transaction). Meters without a point for an object answer
    /// <see cref="ReadStatus.ObjectUndefined"/>, as a COSEM meter would. As an <see cref="IMeterBus"/> it lets
    /// registration declare a unit's register map before probing it.
    /// </summary>
    public sealed class ModbusMeterReader : IMeterBus
    {
        private const int ValueAttribute = 2;
        private const int ScalerUnitAttribute = 3;

        private static readonly TokenGatewayAnswer NoTokenGateway = new TokenGatewayAnswer(ReadStatus.NotSupported, 0, TokenGatewayAnswer.NoTokenResult, false);

        private readonly ModbusMaster _master;
        // One slot per declared unit, grown by one on each new unit: a table for all 247 addresses would hold 2 KB of
        // empty slots for the few meters a bus carries, and a Hashtable keyed by int would box on every lookup.
        private int[] _units = new int[0];
        private ModbusPoint[][] _points = new ModbusPoint[0][];

        public ModbusMeterReader(ModbusMaster master)
        {
            _master = master;
        }

        public ModbusMaster Master => _master;

        /// <summary>Modbus meters' relays are not driven by this gateway.</summary>
        public ReadStatus RemoteDisconnect(int meterAddress, byte[] controlLogicalName) => ReadStatus.NotSupported;

        /// <summary>Modbus meters have no token gateway.</summary>
        public TokenGatewayAnswer EnterToken(int meterAddress, byte[] token, int offset, int count) => NoTokenGateway;

        public TokenGatewayAnswer ReadTokenStatus(int meterAddress) => NoTokenGateway;

        /// <summary>Declares the point table of the meter at Modbus unit <paramref name="unit"/>.</summary>
        public void AddMeter(int unit, ModbusPoint[] points)
        {
            if (unit < 1 || unit > 247)
            {
                throw new ArgumentOutOfRangeException(nameof(unit), "Modbus unit addresses are 1..247");
            }

            int slot = SlotOf(unit);
            if (slot < 0)
            {
                slot = _units.Length;
                var units = new int[slot + 1];
                var tables = new ModbusPoint[slot + 1][];
                Array.Copy(_units, units, slot);
                Array.Copy(_points, tables, slot);
                units[slot] = unit;
                _units = units;
                _points = tables;
            }

            _points[slot] = points;
        }


        /// <summary>Declares a meter from its Modbus vendor profile.</summary>
        public void AddMeter(int unit, VendorProfile profile)
        {
            // A variant's total register is declared too: registration reads it to tell layouts apart.
            var total = profile.Variant == null ? null : profile.Variant.Total;
            var points = new ModbusPoint[profile.Items.Length + (total == null ? 0 : 1)];
            for (int i = 0; i < profile.Items.Length; i++)
            {
                points[i] = profile.Items[i].Modbus;
            }

            if (total != null)
            {
                points[points.Length - 1] = total.Modbus;
            }

            AddMeter(unit, points);
        }

        /// <summary>Registration's way in: the profile's register map for Modbus unit <paramref name="meterAddress"/>.</summary>
        public void Declare(int meterAddress, VendorProfile profile) => AddMeter(meterAddress, profile);

        public ReadStatus Read(int meterAddress, CosemAttributeRef target, MeterValue into)
        {
            into.Clear();
            var point = Find(meterAddress, target.LogicalName);
            if (point == null)
            {
                return ReadStatus.ObjectUndefined;
            }

            if (target.Attribute == ScalerUnitAttribute)
            {
                into.SetScalerUnit(point.Scaler, point.UnitCode);
                return ReadStatus.Ok;
            }

            if (target.Attribute != ValueAttribute)
            {
                return ReadStatus.ObjectUndefined;
            }

            var status = _master.ReadRegisters(meterAddress, point.Function, point.Register, RegisterEncodings.RegisterCount(point.Encoding));
            if (status != ModbusStatus.Ok)
            {
                return Map(status, _master.LastExceptionCode);
            }

            double value;
            if (!RegisterDecoder.TryDecode(_master.Response, ModbusMaster.DataOffset, point.Encoding, point.Order, out value))
            {
                return ReadStatus.UnexpectedType;
            }

            into.SetNumber(value);
            return ReadStatus.Ok;
        }

        /// <summary>The meters named in the issue have no writable clock or other COSEM-writable objects.</summary>
        public ReadStatus Write(int meterAddress, CosemAttributeRef target, MeterValue value) => ReadStatus.NotSupported;

        /// <summary>Modbus has no self-description; profiles say what is there.</summary>
        public ReadStatus ReadObjectList(int meterAddress, ArrayList into) => ReadStatus.NotSupported;

        /// <summary>Modbus outcome → port status (exception codes per Modbus Application Protocol V1.1b3, section 7).</summary>
        public static ReadStatus Map(ModbusStatus status, int exceptionCode)
        {
            switch (status)
            {
                case ModbusStatus.Ok: return ReadStatus.Ok;
                case ModbusStatus.Timeout: return ReadStatus.NoResponse;
                case ModbusStatus.CrcError:
                case ModbusStatus.BadResponse: return ReadStatus.CorruptResponse;
                default:
                    switch (exceptionCode)
                    {
                        case 1: return ReadStatus.NotSupported;
                        case 2:
                        case 3: return ReadStatus.ObjectUndefined;
                        default: return ReadStatus.DeviceError;
                    }
            }
        }

        private ModbusPoint Find(int unit, byte[] logicalName)
        {
            int slot = SlotOf(unit);
            if (slot < 0)
            {
                return null;
            }

            var points = _points[slot];
            if (points == null)
            {
                return null;
            }

            for (int i = 0; i < points.Length; i++)
            {
                if (ObisName.Equal(points[i].LogicalName, logicalName))
                {
                    return points[i];
                }
            }

            return null;
        }

        private int SlotOf(int unit)
        {
            for (int i = 0; i < _units.Length; i++)
            {
                if (_units[i] == unit)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
