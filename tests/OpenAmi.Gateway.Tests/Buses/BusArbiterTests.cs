using System.Collections.Concurrent;
using OpenAmi.Gateway.Buses;
using OpenAmi.Gateway.Ports;
using OpenAmi.Gateway.Scheduling;

namespace OpenAmi.Gateway.Tests.Buses;

/// <summary>
/// The COM2 arbiter with real threads (no timing assertions: time-outs below only bound how long a broken arbiter may
/// hang the test run). Bus 0 plays the RS-485 meter bus, bus 1 the optical port.
/// </summary>
public class BusArbiterTests
{
    private const int Rs485 = 0;
    private const int Optical = 1;
    private const int Forever = 30_000;

    private readonly SharedUart _uart = new();
    private readonly BusArbiter _arbiter;

    public BusArbiterTests()
    {
        _arbiter = new BusArbiter(2, _uart, new TickCountClock());
    }

    [Fact]
    public void Transactions_from_three_threads_on_two_buses_never_overlap_and_each_runs_on_its_own_routing()
    {
        const int perThread = 300;
        var failures = new ConcurrentQueue<string>();
        int[] buses = { Rs485, Rs485, Optical };
        var threads = buses.Select(bus => Worker(failures, () =>
        {
            for (int i = 0; i < perThread; i++)
            {
                if (!_arbiter.TryAcquire(bus, Forever))
                {
                    failures.Enqueue($"bus {bus}: not acquired");
                    return;
                }

                try
                {
                    _uart.Transaction(bus, failures);
                }
                finally
                {
                    _arbiter.Release(bus);
                }
            }
        })).ToArray();

        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            Assert.True(thread.Join(4 * Forever));
        }

        Assert.Empty(failures);
        string[] log = _uart.Log();
        Assert.Equal(perThread * 3, log.Count(entry => entry.StartsWith("tx", StringComparison.Ordinal)));

        // The UART is re-routed exactly when the next transaction is on another bus than the previous one, and the switch
        // is immediately followed by that bus's transaction (it happened inside the new owner's hold).
        string? previousTx = null;
        for (int i = 0; i < log.Length; i++)
        {
            if (log[i].StartsWith("switch", StringComparison.Ordinal))
            {
                string bus = log[i].Substring("switch ".Length);
                Assert.True(i + 1 < log.Length && log[i + 1] == "tx " + bus, $"switch at {i} not followed by its transaction");
                Assert.NotEqual("tx " + bus, previousTx);
            }
            else
            {
                Assert.True(log[i] == previousTx || (i > 0 && log[i - 1].StartsWith("switch", StringComparison.Ordinal)),
                    $"transaction {log[i]} at {i} ran without the UART routed to it");
                previousTx = log[i];
            }
        }
    }

    [Fact]
    public void A_bus_that_releases_cannot_take_the_uart_back_while_another_bus_waits()
    {
        Assert.True(_arbiter.TryAcquire(Rs485, 0));
        var opticalHolds = new ManualResetEventSlim(false);
        var opticalMayRelease = new ManualResetEventSlim(false);
        var failures = new ConcurrentQueue<string>();
        bool opticalAcquired = false;
        var optical = Worker(failures, () =>
        {
            opticalAcquired = _arbiter.TryAcquire(Optical, Forever);
            opticalHolds.Set();
            opticalMayRelease.Wait();
            _arbiter.Release(Optical);
        });
        optical.Start();
        Assert.True(SpinWait.SpinUntil(() => _arbiter.WaitingFor(Optical) == 1, Forever));

        _arbiter.Release(Rs485);
        Assert.False(_arbiter.TryAcquire(Rs485, 0));

        Assert.True(opticalHolds.Wait(Forever));
        Assert.True(opticalAcquired);
        opticalMayRelease.Set();
        Assert.True(_arbiter.TryAcquire(Rs485, Forever));
        _arbiter.Release(Rs485);
        Assert.True(optical.Join(Forever));
        Assert.Empty(failures);

        Assert.Equal(new[] { "switch 0", "switch 1", "switch 0" }, _uart.Log());
    }

    [Fact]
    public void Optical_read_outs_complete_while_another_thread_polls_rs485_back_to_back()
    {
        var stop = new ManualResetEventSlim(false);
        int rs485Transactions = 0;
        var failures = new ConcurrentQueue<string>();
        var poller = Worker(failures, () =>
        {
            while (!stop.IsSet)
            {
                if (_arbiter.TryAcquire(Rs485, Forever))
                {
                    _uart.Transaction(Rs485, failures);
                    rs485Transactions++;
                    _arbiter.Release(Rs485);
                }
            }
        });
        poller.Start();
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref rs485Transactions) > 0, Forever));

        const int readOuts = 50;
        int opticalDone = 0;
        for (int i = 0; i < readOuts; i++)
        {
            if (!_arbiter.TryAcquire(Optical, Forever))
            {
                break;
            }

            _uart.Transaction(Optical, failures);
            opticalDone++;
            _arbiter.Release(Optical);
        }

        stop.Set();
        Assert.True(poller.Join(Forever));
        Assert.Equal(readOuts, opticalDone);
        Assert.Empty(failures);
    }

    [Fact]
    public void A_waiter_that_gives_up_leaves_no_grant_behind()
    {
        Assert.True(_arbiter.TryAcquire(Rs485, 0));
        bool[] results = new bool[2];
        var failures = new ConcurrentQueue<string>();
        var other = Worker(failures, () =>
        {
            results[0] = _arbiter.TryAcquire(Optical, 0);
            results[1] = _arbiter.TryAcquire(Optical, 50);
        });
        other.Start();
        Assert.True(other.Join(Forever));
        Assert.Empty(failures);
        Assert.Equal(new[] { false, false }, results);
        Assert.Equal(0, _arbiter.WaitingFor(Optical));

        _arbiter.Release(Rs485);
        Assert.True(_arbiter.TryAcquire(Optical, 0));
        Assert.True(_arbiter.Holds(Optical));
        _arbiter.Release(Optical);
    }

    [Fact]
    public void Only_the_thread_that_holds_a_bus_can_release_it()
    {
        Assert.Throws<BusArbiterException>(() => _arbiter.Release(Rs485));

        Assert.True(_arbiter.TryAcquire(Rs485, 0));
        Assert.Throws<BusArbiterException>(() => _arbiter.Release(Optical));

        Exception? fromOtherThread = null;
        bool otherHolds = true;
        var other = new Thread(() =>
        {
            otherHolds = _arbiter.Holds(Rs485);
            fromOtherThread = Record.Exception(() => _arbiter.Release(Rs485));
        });
        other.Start();
        Assert.True(other.Join(Forever));
        Assert.IsType<BusArbiterException>(fromOtherThread);
        Assert.False(otherHolds);

        Assert.True(_arbiter.Holds(Rs485));
        Assert.Throws<BusArbiterException>(() => _arbiter.TryAcquire(Optical, 0));
        Assert.Throws<BusArbiterException>(() => _arbiter.TryAcquire(Rs485, 0));
        _arbiter.Release(Rs485);
        Assert.False(_arbiter.Holds(Rs485));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _arbiter.TryAcquire(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _arbiter.TryAcquire(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _arbiter.TryAcquire(Rs485, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _arbiter.Release(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BusArbiter(0, _uart, new TickCountClock()));
    }

    [Fact]
    public void The_same_bus_again_is_not_re_routed()
    {
        for (int i = 0; i < 3; i++)
        {
            Assert.True(_arbiter.TryAcquire(Optical, 0));
            _arbiter.Release(Optical);
        }

        Assert.Equal(new[] { "switch 1" }, _uart.Log());
    }

    [Fact]
    public void A_failed_switch_frees_the_uart_and_the_next_owner_routes_it_again()
    {
        Assert.True(_arbiter.TryAcquire(Rs485, 0));
        _arbiter.Release(Rs485);
        _uart.FailNextSwitch = true;

        var error = Assert.Throws<BusArbiterException>(() => _arbiter.TryAcquire(Optical, 0));
        Assert.IsType<IOException>(error.InnerException);
        Assert.False(_arbiter.Holds(Optical));

        // The failed switch may have left COM2 half re-mapped, so even the bus it was routed to last is routed again.
        Assert.True(_arbiter.TryAcquire(Rs485, 0));
        _arbiter.Release(Rs485);
        Assert.Equal(new[] { "switch 0", "switch 1 failed", "switch 0" }, _uart.Log());
    }

    /// <summary>A thread whose exceptions become test failures instead of crashing the test host.</summary>
    private static Thread Worker(ConcurrentQueue<string> failures, Action body) => new(() =>
    {
        try
        {
            body();
        }
        catch (Exception error)
        {
            failures.Enqueue(error.GetType().Name + ": " + error.Message);
        }
    });

    /// <summary>The shared UART: counts concurrent users and logs switches and transactions in the order they happen.</summary>
    private sealed class SharedUart : IBusSwitch
    {
        private readonly List<string> _log = new();
        private int _inUse;
        private int _routedTo = -1;

        public bool FailNextSwitch { get; set; }

        public string[] Log()
        {
            lock (_log)
            {
                return _log.ToArray();
            }
        }

        public void SwitchTo(int busId)
        {
            int users = Interlocked.Increment(ref _inUse);
            try
            {
                if (FailNextSwitch)
                {
                    FailNextSwitch = false;
                    Append($"switch {busId} failed");
                    throw new IOException("COM2 did not reopen");
                }

                if (users != 1)
                {
                    Append($"switch {busId} while the UART was in use");
                }

                _routedTo = busId;
                Append($"switch {busId}");
            }
            finally
            {
                Interlocked.Decrement(ref _inUse);
            }
        }

        /// <summary>One request/answer exchange: nobody else may use the UART, and it must be routed to this bus.</summary>
        public void Transaction(int busId, ConcurrentQueue<string> failures)
        {
            int users = Interlocked.Increment(ref _inUse);
            if (users != 1)
            {
                failures.Enqueue($"bus {busId}: {users} users of the UART at once");
            }

            if (_routedTo != busId)
            {
                failures.Enqueue($"bus {busId}: UART routed to {_routedTo}");
            }

            Append($"tx {busId}");
            Thread.Yield();
            Interlocked.Decrement(ref _inUse);
        }

        private void Append(string entry)
        {
            lock (_log)
            {
                _log.Add(entry);
            }
        }
    }
}
