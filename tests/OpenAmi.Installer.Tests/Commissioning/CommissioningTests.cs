using OpenAmi.Installer.Commissioning;

namespace OpenAmi.Installer.Tests.Commissioning;

/// <summary>
/// The commissioning access point's decisions (docs/installer.md "Commissioning access point"). Limits from their
/// sources: a WPA2 passphrase is 8–63 printable ASCII characters (IEEE 802.11i-2004, annex H.4); nanoFramework's
/// WirelessAPConfiguration.SaveConfiguration refuses an SSID of 32 characters or more (System.Net v1.11.52).
/// </summary>
public sealed class CommissioningTests
{
    [Fact]
    public void The_ssid_is_the_gateways_id_after_the_prefix_cut_to_31_printable_characters()
    {
        Assert.Equal("OpenAMI-pole-ems-0042", AccessPointSettings.SsidOf("pole-ems-0042"));
        Assert.Equal("OpenAMI-feeder-7-a-very-long-ga", AccessPointSettings.SsidOf("feeder-7-a-very-long-gateway-identifier"));
        Assert.Equal(31, AccessPointSettings.SsidOf(new string('x', 80)).Length);
        Assert.Equal("OpenAMI-p-le", AccessPointSettings.SsidOf("p\u00f6le"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short12")]
    [InlineData("tab\tinside-the-passphrase")]
    public void Without_a_usable_provisioned_passphrase_there_is_no_access_point(string? passphrase)
    {
        Assert.Throws<CommissioningException>(() => AccessPointSettings.For("pole-1", passphrase!));
    }

    [Fact]
    public void The_passphrase_is_the_provisioned_one_at_both_wpa2_limits()
    {
        Assert.Equal("eight888", AccessPointSettings.For("pole-1", "eight888").Passphrase);
        string longest = new('p', 63);
        Assert.Equal(longest, AccessPointSettings.For("pole-1", longest).Passphrase);
        Assert.Throws<CommissioningException>(() => AccessPointSettings.For("pole-1", longest + "p"));
    }

    [Fact]
    public void The_provisioned_file_gives_its_text_without_the_last_line_end_and_no_file_no_access_point()
    {
        Assert.Equal("pole passphrase 1 ", AccessPointSettings.FromFile("pole-1", System.Text.Encoding.UTF8.GetBytes("pole passphrase 1 \r\n")).Passphrase);
        Assert.Equal("pole-passphrase-2", AccessPointSettings.FromFile("pole-1", System.Text.Encoding.UTF8.GetBytes("pole-passphrase-2\n")).Passphrase);
        Assert.Throws<CommissioningException>(() => AccessPointSettings.FromFile("pole-1", null!));
        Assert.Throws<CommissioningException>(() => AccessPointSettings.FromFile("pole-1", System.Text.Encoding.UTF8.GetBytes("\n")));
    }

    [Fact]
    public void A_board_without_uplink_starts_it_at_boot_and_keeps_it()
    {
        var ap = new CommissioningSwitch(uplinkConfigured: false);

        Assert.Equal(AccessPointAction.Start, ap.Boot(0, accessPointOn: false));
        Assert.Equal(AccessPointAction.None, ap.Step(CommissioningSwitch.WindowMs * 10, false));
        Assert.True(ap.Running);

        // After the restart that applied it, the access point is on and stays on.
        var restarted = new CommissioningSwitch(uplinkConfigured: false);
        Assert.Equal(AccessPointAction.None, restarted.Boot(0, accessPointOn: true));
        Assert.Equal(AccessPointAction.None, restarted.Step(CommissioningSwitch.WindowMs * 10, false));
        Assert.True(restarted.Running);
    }

    [Fact]
    public void An_access_point_found_on_at_boot_with_an_uplink_runs_its_window_from_that_boot()
    {
        var ap = new CommissioningSwitch(uplinkConfigured: true);

        Assert.Equal(AccessPointAction.None, ap.Boot(5_000, accessPointOn: true));
        Assert.True(ap.Running);
        Assert.Equal(AccessPointAction.None, ap.Step(5_000 + 1_800_000 - 1, false));
        Assert.Equal(AccessPointAction.Stop, ap.Step(5_000 + 1_800_000, false));
    }

    [Fact]
    public void With_an_uplink_only_a_ten_second_hold_starts_it_and_half_an_hour_later_it_stops()
    {
        var ap = new CommissioningSwitch(uplinkConfigured: true);
        Assert.Equal(AccessPointAction.None, ap.Boot(0, accessPointOn: false));

        // A 9.9 s hold (long enough for Safety's 3 s reset) is not enough.
        Assert.Equal(AccessPointAction.None, ap.Step(1_000, true));
        Assert.Equal(AccessPointAction.None, ap.Step(10_900, true));
        Assert.Equal(AccessPointAction.None, ap.Step(11_000, false));
        Assert.False(ap.Running);

        Assert.Equal(AccessPointAction.None, ap.Step(20_000, true));
        Assert.Equal(AccessPointAction.Start, ap.Step(30_000, true));
        Assert.Equal(AccessPointAction.None, ap.Step(45_000, true));
        Assert.Equal(AccessPointAction.None, ap.Step(46_000, false));
        Assert.Equal(AccessPointAction.None, ap.Step(30_000 + 1_800_000 - 1, false));
        Assert.Equal(AccessPointAction.Stop, ap.Step(30_000 + 1_800_000, false));
        Assert.False(ap.Running);
    }

    [Fact]
    public void A_further_hold_while_it_runs_restarts_the_window()
    {
        var ap = new CommissioningSwitch(uplinkConfigured: true);
        ap.Boot(0, accessPointOn: false);
        ap.Step(0, true);
        Assert.Equal(AccessPointAction.Start, ap.Step(10_000, true));
        ap.Step(11_000, false);

        ap.Step(1_000_000, true);
        Assert.Equal(AccessPointAction.None, ap.Step(1_010_000, true));
        ap.Step(1_011_000, false);

        Assert.Equal(AccessPointAction.None, ap.Step(10_000 + 1_800_000, false));
        Assert.Equal(AccessPointAction.Stop, ap.Step(1_010_000 + 1_800_000, false));
    }
}
