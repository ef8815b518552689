using System.Text;
using OpenAmi.Cellular.At;
using OpenAmi.Cellular.Modem;
using OpenAmi.Cellular.Tests.Support;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Cellular.Tests;

public sealed class ModemControlTests
{
    private static ModemControl Open(ScriptedModem modem, ModemOptions? options = null) =>
        new(new AtChannel(modem, modem, 256), modem, options ?? new ModemOptions());

    [Fact]
    public void Silent_modem_is_powered_up_with_pwrkey_then_configured()
    {
        // Three unanswered AT+CMEE? probes (500 ms each), PWRKEY low for the configured 500 ms, boot banner, then AT answers.
        ScriptedModem modem = new ScriptedModem()
            .Expect("AT+CMEE?").Expect("AT+CMEE?").Expect("AT+CMEE?")
            .WhenPowerKeyReleased().After(8000).Reply("RDY", "+CPIN: READY", "SMS DONE", "PB DONE")
            .Expect("AT+CMEE?").Raw("AT+CMEE?\r").Reply("+CMEE: 0", "OK")
            .Expect("ATE0").Raw("ATE0\r").Reply("OK")
            .Expect("AT+CMEE=1").Reply("OK")
            .Expect("AT+CTZU=1").Reply("OK");
        ModemControl control = Open(modem);
        control.EnsureReady();

        Assert.True(modem.Done);
        Assert.Equal(2, modem.PowerKey.Count);
        Assert.True(modem.PowerKey[0].Pressed);
        Assert.Equal(500, modem.PowerKey[1].AtMs - modem.PowerKey[0].AtMs);
        Assert.Equal(1500, modem.PowerKey[0].AtMs);
    }

    [Fact]
    public void Modem_that_never_answers_is_a_typed_failure()
    {
        ScriptedModem modem = new ScriptedModem().Expect("AT+CMEE?").Expect("AT+CMEE?").Expect("AT+CMEE?").WhenPowerKeyReleased()
            .Expect("AT+CMEE?").Expect("AT+CMEE?").Expect("AT+CMEE?");
        ModemException error = Assert.Throws<ModemException>(() => Open(modem, new ModemOptions { BootTimeoutMs = 10000 }).EnsureReady());
        Assert.Equal(ModemErrorKind.NoResponse, error.Kind);
    }

    [Fact]
    public void Sim_waiting_for_pin_is_reported()
    {
        ScriptedModem modem = new ScriptedModem().Expect("AT+CPIN?").Reply("+CPIN: SIM PIN", "OK");
        ModemException error = Assert.Throws<ModemException>(() => Open(modem).RequireSimReady());
        Assert.Equal(ModemErrorKind.SimNotReady, error.Kind);
        Assert.Contains("SIM PIN", error.Message);
    }

    [Fact]
    public void Roaming_on_the_circuit_switched_domain_counts_as_registered()
    {
        // 27.007 section 7.2: <stat> 5 = registered, roaming; section 10.1.22: 2 = searching.
        ScriptedModem modem = new ScriptedModem()
            .Expect("AT+CEREG?").Reply("+CEREG: 0,2", "OK")
            .Expect("AT+CREG?").Reply("+CREG: 0,5", "OK");
        Open(modem).RequireRegistered();
        Assert.True(modem.Done);
    }

    [Fact]
    public void Not_registered_anywhere_is_reported()
    {
        ScriptedModem modem = new ScriptedModem()
            .Expect("AT+CEREG?").Reply("+CEREG: 0,0", "OK")
            .Expect("AT+CREG?").Reply("+CREG: 0,3", "OK");
        ModemException error = Assert.Throws<ModemException>(() => Open(modem).RequireRegistered());
        Assert.Equal(ModemErrorKind.NotRegistered, error.Kind);
    }

    [Fact]
    public void Network_time_follows_the_27007_example()
    {
        // 3GPP TS 27.007 section 8.15: "94/05/06,22:10:00+08" = 6 May 1994, 22:10:00 at GMT+2 hours → 20:10:00 UTC.
        ScriptedModem modem = new ScriptedModem().ModemReady().Expect("AT+CCLK?").Reply("+CCLK: \"94/05/06,22:10:00+08\"", "OK");
        Assert.True(Open(modem, new ModemOptions { MinimumValidYear = 1990 }).TryReadNetworkTime(out DateTime utc));
        Assert.Equal(new DateTime(1994, 5, 6, 20, 10, 0), utc);
    }

    [Fact]
    public void Negative_offsets_and_the_unset_clock()
    {
        byte[] west = Encoding.ASCII.GetBytes(" \"26/03/01,01:30:00-20\"");
        Assert.True(NetworkTime.TryParse(west, 0, west.Length, 2025, out DateTime utc));
        Assert.Equal(new DateTime(2026, 3, 1, 6, 30, 0), utc);

        // A modem without network time restarts its clock at the GPS epoch, 1980-01-06.
        byte[] unset = Encoding.ASCII.GetBytes(" \"80/01/06,00:01:12+00\"");
        Assert.False(NetworkTime.TryParse(unset, 0, unset.Length, 2025, out _));
        byte[] broken = Encoding.ASCII.GetBytes(" \"26/13/01,01:30:00+00\"");
        Assert.False(NetworkTime.TryParse(broken, 0, broken.Length, 2025, out _));
    }

    [Fact]
    public void Certificate_is_stored_after_the_prompt()
    {
        string pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        ScriptedModem modem = new ScriptedModem().ModemReady()
            .Expect($"AT+CCERTDOWN=\"openami-ca.pem\",{pem.Length}").Prompt().ExpectData(pem).Reply("OK");
        byte[] bytes = Encoding.ASCII.GetBytes(pem);
        Open(modem).StoreCertificate("openami-ca.pem", bytes, 0, bytes.Length);
        Assert.True(modem.Done);
    }

    /// <summary>3GPP TS 27.007 section 8.5, +CSQ &lt;rssi&gt;: 0 = -113 dBm or less, 1 = -111, 2..30 = -109..-53 in 2 dB steps, 31 = -51 or more, 99 = not known or not detectable.</summary>
    [Theory]
    [InlineData(0, -113)]
    [InlineData(1, -111)]
    [InlineData(2, -109)]
    [InlineData(15, -83)]
    [InlineData(30, -53)]
    [InlineData(31, -51)]
    [InlineData(99, SignalStrength.UnknownDbm)]
    public void Signal_strength_follows_the_27007_rssi_table_and_99_is_unknown(int rssi, int dbm)
    {
        ScriptedModem modem = new ScriptedModem().Expect("AT+CSQ").Reply($"+CSQ: {rssi},99", "OK");
        Assert.Equal(dbm, Open(modem).ReadSignalDbm());
        Assert.True(modem.Done);
    }
}
