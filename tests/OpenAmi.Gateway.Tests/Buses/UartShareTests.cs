using OpenAmi.Gateway.App;
using OpenAmi.Gateway.Buses;
using OpenAmi.Gateway.Ports;
using OpenAmi.Gateway.Scheduling;

namespace OpenAmi.Gateway.Tests.Buses;

/// <summary>A bus on a time-shared UART runs each transaction step holding its route, and never while another thread holds the UART.</summary>
public class UartShareTests
{
    private const int Rs485 = 0;
    private const int Optical = 1;

    private readonly List<int> _switches = new();
    private readonly BusArbiter _arbiter;

    public UartShareTests()
    {
        _arbiter = new BusArbiter(2, new RecordingSwitch(_switches), new TickCountClock());
    }

    [Fact]
    public void A_step_runs_holding_its_route_and_releases_it_after()
    {
        var share = new UartShare(_arbiter, Optical);
        bool heldDuringStep = false;

        long next = share.Run(now => { heldDuringStep = _arbiter.Holds(Optical); return now + 500; }, 1000);

        Assert.True(heldDuringStep);
        Assert.False(_arbiter.Holds(Optical));
        Assert.Equal(1500, next);
        Assert.Equal(new[] { Optical }, _switches);
    }

    [Fact]
    public void A_step_that_throws_still_releases_the_route()
    {
        var share = new UartShare(_arbiter, Rs485);

        Assert.Throws<InvalidOperationException>(() => share.Run(_ => throw new InvalidOperationException("meter gone"), 0));

        Assert.False(_arbiter.Holds(Rs485));
        Assert.True(_arbiter.TryAcquire(Optical, 0));
        _arbiter.Release(Optical);
    }

    [Fact]
    public void While_another_thread_holds_the_uart_the_step_does_not_run_and_is_tried_again_later()
    {
        var share = new UartShare(_arbiter, Rs485);
        using var held = new ManualResetEventSlim();
        using var done = new ManualResetEventSlim();
        var holder = new Thread(() =>
        {
            _arbiter.TryAcquire(Optical, 0);
            held.Set();
            done.Wait();
            _arbiter.Release(Optical);
        });
        holder.Start();
        held.Wait();

        bool ran = false;
        long next = share.Run(now => { ran = true; return now; }, 1000);

        done.Set();
        holder.Join();
        Assert.False(ran);
        Assert.True(next > 1000);
        Assert.Equal(Rs485 + 1, share.Run(now => { ran = true; return Rs485 + 1; }, 2000));
        Assert.True(ran);
    }

    private sealed class RecordingSwitch(List<int> log) : IBusSwitch
    {
        public void SwitchTo(int busId) => log.Add(busId);
    }
}
