"""An independent Modbus slave for the tests: Debian's python3-pymodbus (3.0) serving 16-bit registers.

Usage: pymodbus_slave.py (--serial DEVICE | --tcp PORT) --unit N [--input ADDR=FLOAT ...] [--holding ADDR=UINT32 ...]
Floats are IEEE 754 single precision, uint32 values unsigned; both high word first (as Eastron meters store them).
Over TCP the framing is RTU (RTU over TCP, as through an RS-485-to-Ethernet converter), not MBAP.
"""
import argparse
import logging
import struct

from pymodbus.datastore import ModbusServerContext, ModbusSlaveContext, ModbusSparseDataBlock
from pymodbus.server import StartSerialServer, StartTcpServer
from pymodbus.transaction import ModbusRtuFramer


def words(fmt, value):
    high, low = struct.unpack(">HH", struct.pack(fmt, value))
    return [high, low]


def registers(pairs, fmt, convert):
    block = {}
    for pair in pairs:
        address, value = pair.split("=")
        for i, word in enumerate(words(fmt, convert(value))):
            block[int(address, 0) + i] = word
    return block


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--serial")
    parser.add_argument("--tcp", type=int)
    parser.add_argument("--unit", type=int, required=True)
    parser.add_argument("--input", action="append", default=[])
    parser.add_argument("--holding", action="append", default=[])
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    # zero_mode: the register address on the wire is the block address (pymodbus otherwise adds one).
    slave = ModbusSlaveContext(
        ir=ModbusSparseDataBlock(registers(args.input, ">f", float) or {0: 0}),
        hr=ModbusSparseDataBlock(registers(args.holding, ">I", lambda v: int(v, 0)) or {0: 0}),
        zero_mode=True,
    )
    context = ModbusServerContext(slaves={args.unit: slave}, single=False)
    if args.serial:
        StartSerialServer(context=context, framer=ModbusRtuFramer, port=args.serial, baudrate=9600,
                          bytesize=8, parity="N", stopbits=1)
    else:
        StartTcpServer(context=context, framer=ModbusRtuFramer, address=("127.0.0.1", args.tcp))


if __name__ == "__main__":
    main()
