using OpenAmi.Dlms;
using OpenAmi.Dlms.Iec21;
using OpenAmi.Emulator.Dlms;

namespace OpenAmi.Emulator.Tests.Dlms;

/// <summary>
/// IEC 62056-21 mode C programming mode (§6.3.7) against the emulated optical meter on a real-time simulated bus:
/// sign-on, ACK 0 Z 1, the meter's P0 operand, P1 password, R1 reads, B0 — and the meter back at 300 Bd afterwards.
/// </summary>
public class ProgrammingModeTests
{
    [Fact]
    public void PasswordThenReadsThenBreak()
    {
        using var f = new MeterFixture(9600, MeterProfile.Optiq);
        f.Meter.State.EnergyImportWh = 7_654_321;
        f.Meter.State.FrequencyHz = 49.97;
        var session = new Iec21Session(f.Port);
        var identification = session.SignOn(null);
        var operand = session.EnterProgramming(identification);
        Assert.Equal(('P', '0', "(OQ-778899)"), (operand.Command, operand.Type, operand.Data));

        session.SendPassword("00000000");
        var energy = session.ReadRegister("1.8.0");
        Assert.Equal(("1.8.0", "007654.321", "kWh"), (energy.Address, energy.Value, energy.Unit));
        var frequency = session.ReadRegister("14.7.0");
        Assert.Equal(("49.97", "Hz"), (frequency.Value, frequency.Unit));
        Assert.Equal("ERROR", session.ReadRegister("96.1.0").Value);
        session.Break();

        // After B0 the meter waits for a new sign-on at 300 Bd; give it the reaction time to get there, then a mode C readout works.
        f.Port.Delay(Iec21.ReactionTimeMs);
        var again = new Iec21Session(f.Port);
        var readout = again.ReadOut(again.SignOn(null));
        Assert.Contains(readout.DataSets, d => d.Address == "1.8.0" && d.Value == "007654.321");
    }

    [Fact]
    public void WrongPasswordIsRefusedAndReadsStayClosed()
    {
        using var f = new MeterFixture(9600, MeterProfile.Optiq);
        var session = new Iec21Session(f.Port);
        session.EnterProgramming(session.SignOn(null));
        Assert.Equal(DlmsErrorCode.AuthenticationFailed, Assert.Throws<DlmsException>(() => session.SendPassword("12345678")).Code);
        Assert.Equal("ERROR", session.ReadRegister("1.8.0").Value);
        session.Break();
    }

    [Fact]
    public void AGarbledCommandIsAnsweredWithNak()
    {
        using var f = new MeterFixture(9600, MeterProfile.Optiq);
        var session = new Iec21Session(f.Port);
        session.EnterProgramming(session.SignOn(null));
        // B0 is 01 42 30 03 71 (BCC = 0x42 ^ 0x30 ^ 0x03); 0x70 is a BCC error, which §6.3.6 answers with NAK.
        var garbled = new byte[] { 0x01, 0x42, 0x30, 0x03, 0x70 };
        f.Port.Write(garbled, 0, garbled.Length);
        var reply = new byte[8];
        Assert.Equal(1, f.Port.Read(reply, 0, reply.Length, 2000));
        Assert.Equal(Iec21.Nak, reply[0]);
        session.Break();
    }
}
