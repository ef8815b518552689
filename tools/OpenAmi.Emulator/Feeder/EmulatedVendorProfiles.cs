using AuthenticationLevel = OpenAmi.Dlms.Client.AuthenticationLevel;
using OpenAmi.Emulator.Dlms;
using OpenAmi.Metering.Dlms;
using OpenAmi.Metering.Profiles;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// The gateway's view of the emulated DLMS vendors: for each <see cref="MeterProfile"/> the vendor profile JSON
/// an installer would write for it (standard logical names, the vendor's own serial and disconnect objects,
/// its authentication and security by secret reference, the 15-minute load profile 1-0:99.1.0 with the columns
/// +A, voltage and power, and the daily billing profile 0-0:98.1.0 with +A), and the key store holding those secrets.
/// </summary>
public static class EmulatedVendorProfiles
{
    /// <summary>The gateway's own DLMS system title in the emulator ("OAMGC" and an invented serial).</summary>
    public static readonly byte[] GatewaySystemTitle = Convert.FromHexString("4F414D4743000001");

    public static string Json(MeterProfile p)
    {
        string auth = p.Authentication switch
        {
            AuthenticationLevel.Low => "low",
            AuthenticationLevel.HighGmac => "high",
            _ => "none",
        };
        string security = p.SecurityPolicy == 0x30 ? "authenticated-encrypted" : "none";
        string secret = auth == "none" && security == "none" ? "" : $@", ""secretRef"": ""{p.Name}""";
        // The public client (16) reads without authentication; the management client (1) for LLS/HLS.
        int client = auth == "none" ? 16 : 1;
        string medium = p.OpticalOnly ? "optical" : "rs485";
        string tokens = p.Prepaid ? "ascii20" : "none";
        // A prepaid meter's credit: these vendors keep it in a Register (class 3) at the Credit object's name. VMRS takes
        // credit scaling from the profile (docs/vmrs.md "Credit"), so the profile states the register's scaler.
        string credit = p.Prepaid ? $@", ""0.0.19.10.0.255"": {{ ""class"": 3, ""logicalName"": ""{p.Credit.ToDottedString()}"", ""scaler"": {p.CurrencyScaler} }}" : "";
        return $@"{{
  ""id"": ""{p.Name}"", ""vendor"": ""emulated"", ""model"": ""{p.Description}"", ""protocol"": ""dlms"",
  ""link"": {{ ""medium"": ""{medium}"", ""baud"": {p.DefaultBaud} }},
  ""dlms"": {{ ""client"": {client}, ""logicalDevice"": {p.ServerUpper}, ""authentication"": ""{auth}"", ""security"": ""{security}""{secret} }},
  ""tokenEncoding"": ""{tokens}"",
  ""items"": {{
    ""1.8.0"": {{}}, ""2.8.0"": {{}}, ""1.7.0"": {{}}, ""32.7.0"": {{}}, ""14.7.0"": {{}}, ""0.0.1.0.0.255"": {{}},
    ""0.0.96.1.1.255"": {{ ""logicalName"": ""{p.SerialNumber.ToDottedString()}"" }},
    ""96.5.0"": {{}}, ""0.0.96.3.10.255"": {{ ""logicalName"": ""{p.Disconnect.ToDottedString()}"" }}{credit}
  }},
  ""profiles"": [
    {{ ""logicalName"": ""1-0:99.1.0*255"", ""kind"": ""load"", ""columns"": {{ ""1.8.0"": {{}}, ""32.7.0"": {{}}, ""1.7.0"": {{}} }} }},
    {{ ""logicalName"": ""0-0:98.1.0*255"", ""kind"": ""billing"", ""columns"": {{ ""1.8.0"": {{}} }} }}
  ]
}}";
    }

    /// <summary>The validated vendor profile (the emulator's profiles are fixed, so an invalid one is a defect here).</summary>
    public static VendorProfile Load(MeterProfile p)
    {
        var result = ProfileReader.Load(Json(p));
        if (!result.IsValid)
        {
            throw new InvalidOperationException($"emulated profile {p.Name}: {string.Join("; ", result.Errors.Cast<ProfileError>())}");
        }

        return result.Profile;
    }

    /// <summary>The secrets of the emulated vendors, under their profile names.</summary>
    public sealed class Secrets : IDlmsSecretStore
    {
        public DlmsSecret? Find(string secretRef)
        {
            var p = MeterProfile.All.FirstOrDefault(x => x.Name == secretRef);
            return p == null ? null : new DlmsSecret { Password = p.Password, BlockCipherKey = p.BlockCipherKey, AuthenticationKey = p.AuthenticationKey };
        }
    }
}
