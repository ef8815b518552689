using OpenAmi.Metering.Data;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Platform;

namespace OpenAmi.Emulator.Tests.Metering;

/// <summary>
/// Metering's registration of configured meters on one bus, against the emulated plain meter at address 18 (serial
/// PL-000018, its own object model) and an address where no meter answers. Expectations: the serial is the one the
/// emulated meter holds, the names are the configuration ids given here.
/// </summary>
public class ConfiguredRegistrationTests
{
    private const long RetryMs = 60_000;

    [Fact]
    public void Meters_register_one_per_call_under_their_configuration_id_and_a_silent_one_is_retried_a_retry_interval_later()
    {
        using var f = new DlmsFeeder(DlmsFeeder.Plain);
        var clock = new StepClock();
        var sink = new RecordingSink();
        var registration = Registration(f, clock, sink, ("kiosk", 18), ("ghost", 21));

        Assert.Equal(0, registration.Registration.RegisterNext(0));
        var registered = Assert.Single(sink.Events.OfType<RegistrationEvent>());
        Assert.Equal("kiosk", registered.MeterName);
        Assert.Equal("PL-000018", registered.MeterSerial);
        Assert.Equal("PL-000018", registration.Registration.DeviceSerial("kiosk"));
        int afterFirst = registration.Bus.Transactions;

        // The silent meter's attempt happens now and fails; the next is a retry interval after it ended.
        clock.NowMs = 5_000;
        Assert.Equal(5_000 + RetryMs, registration.Registration.RegisterNext(5_000));
        Assert.Null(registration.Registration.DeviceSerial("ghost"));
        int transactions = registration.Bus.Transactions;
        Assert.True(transactions > afterFirst);

        // Not due yet: nothing is sent, the same due time comes back.
        Assert.Equal(5_000 + RetryMs, registration.Registration.RegisterNext(5_000 + RetryMs - 1));
        Assert.Equal(transactions, registration.Bus.Transactions);
    }

    [Fact]
    public void Once_every_meter_is_registered_registration_says_so()
    {
        using var f = new DlmsFeeder(DlmsFeeder.Plain);
        var registration = Registration(f, new StepClock(), new RecordingSink(), ("kiosk", 18));

        Assert.Equal(ConfiguredRegistration.AllRegistered, registration.Registration.RegisterNext(0));
    }

    private static (ConfiguredRegistration Registration, CountingBus Bus) Registration(DlmsFeeder f, StepClock clock, RecordingSink sink, params (string Id, int Address)[] meters)
    {
        var poller = new PollScheduler(new ItemReader(new QualityAssessor(new PlausibilityLimits()), clock, null), null, clock, new PollPlan(), sink);
        var registration = new ConfiguredRegistration(poller, sink, clock, null!, RetryMs);
        var bus = new CountingBus(f.Reader);
        var profile = DlmsFeeder.Profile(DlmsFeeder.Plain);
        foreach (var (id, address) in meters)
        {
            bus.Declare(address, profile);
            var record = new MeterRecord(bus, address, profile) { Serial = id };
            poller.Add(record);
            registration.Add(id, record, bus);
        }

        return (registration, bus);
    }

    /// <summary>The DLMS reader, counting the transactions asked of it.</summary>
    private sealed class CountingBus(IMeterBus inner) : IMeterBus
    {
        public int Transactions { get; set; }

        public void Declare(int meterAddress, OpenAmi.Metering.Profiles.VendorProfile profile) => inner.Declare(meterAddress, profile);

        public ReadStatus Read(int meterAddress, CosemAttributeRef target, MeterValue into)
        {
            Transactions++;
            return inner.Read(meterAddress, target, into);
        }

        public ReadStatus Write(int meterAddress, CosemAttributeRef target, MeterValue value)
        {
            Transactions++;
            return inner.Write(meterAddress, target, value);
        }

        public ReadStatus ReadObjectList(int meterAddress, System.Collections.ArrayList into)
        {
            Transactions++;
            return inner.ReadObjectList(meterAddress, into);
        }

        public ReadStatus RemoteDisconnect(int meterAddress, byte[] controlLogicalName) => inner.RemoteDisconnect(meterAddress, controlLogicalName);

        public TokenGatewayAnswer EnterToken(int meterAddress, byte[] token, int offset, int count) => inner.EnterToken(meterAddress, token, offset, count);

        public TokenGatewayAnswer ReadTokenStatus(int meterAddress) => inner.ReadTokenStatus(meterAddress);
    }

    private sealed class StepClock : IMonotonicClock
    {
        public long NowMs { get; set; }
    }
}
