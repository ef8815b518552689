using System.Globalization;
using System.Text.Json.Nodes;
using OpenAmi.Dlms;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Client;
using OpenAmi.Dlms.Cosem;

namespace OpenAmi.Cli.Dlms;

/// <summary>
/// `openami dlms read --profile OBIS` with `--from/--to` (a range on the clock column, instants in ISO 8601) or
/// `--entries A..B` (B = 0 or left out: to the newest): the profile's description and its rows, each cell scaled by the
/// column's scaler_unit when the column is a register's value.
/// </summary>
public sealed record ProfileRead(ObisCode Profile, DateTime? FromUtc, DateTime? ToUtc, uint FromEntry, uint ToEntry)
{
    public static ProfileRead Parse(string obis, string? from, string? to, string? entries)
    {
        var profile = ObisCode.Parse(obis);
        if ((from == null) != (to == null) || (from != null && entries != null))
        {
            throw new DlmsException(DlmsErrorCode.InvalidArgument, "--profile takes --from and --to together, or --entries, or neither (the whole buffer)");
        }

        if (entries != null)
        {
            var parts = entries.Split("..");
            if (parts.Length is < 1 or > 2 || !uint.TryParse(parts[0], out uint first) || first < 1 ||
                !uint.TryParse(parts.Length == 2 && parts[1].Length > 0 ? parts[1] : "0", out uint last) || (last != 0 && last < first))
            {
                throw new DlmsException(DlmsErrorCode.InvalidArgument, $"--entries must be FIRST..LAST (1-based, LAST 0 or empty = the newest), got '{entries}'");
            }

            return new ProfileRead(profile, null, null, first, last);
        }

        return from == null ? new ProfileRead(profile, null, null, 0, 0) : new ProfileRead(profile, Instant(from, "--from"), Instant(to!, "--to"), 0, 0);
    }

    private static DateTime Instant(string text, string option)
    {
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            throw new DlmsException(DlmsErrorCode.InvalidArgument, $"{option} must be an ISO 8601 instant (2026-01-15T10:00:00Z), got '{text}'");
        }

        return instant.UtcDateTime;
    }

    public JsonObject Read(DlmsClient client)
    {
        var reader = new ProfileGenericReader(client);
        var description = reader.ReadDescription(Profile);
        DataValue rows = FromUtc is { } from
            ? reader.ReadRangeUtc(Profile, from, ToUtc!.Value, null)
            : FromEntry != 0 ? reader.ReadEntries(Profile, FromEntry, ToEntry, 1, 0) : reader.ReadAll(Profile);
        var scalers = description.CaptureObjects.Select(c => IsRegisterValue(c)
            ? ScalerUnit.FromData(client.Get(c.ClassId, c.LogicalName, CosemClass.ScalerUnit))
            : (ScalerUnit?)null).ToArray();
        var columns = new JsonArray(description.CaptureObjects.Select((c, i) => (JsonNode)new JsonObject
        {
            ["classId"] = c.ClassId,
            ["obis"] = c.LogicalName.ToDottedString(),
            ["attribute"] = c.AttributeIndex,
            ["dataIndex"] = c.DataIndex,
            ["unit"] = scalers[i] is { } su ? Units.Symbol(su.Unit) : null,
        }).ToArray());
        var table = new JsonArray();
        for (int r = 0; r < rows.Count; r++)
        {
            var row = new JsonArray();
            for (int c = 0; c < rows[r].Count; c++)
            {
                row.Add(Cell(rows[r][c], c < scalers.Length ? scalers[c] : null));
            }

            table.Add(row);
        }

        return new JsonObject
        {
            ["obis"] = Profile.ToDottedString(),
            ["capturePeriod"] = description.CapturePeriod,
            ["sortMethod"] = description.SortMethod,
            ["entriesInUse"] = description.EntriesInUse,
            ["profileEntries"] = description.ProfileEntries,
            ["columns"] = columns,
            ["rows"] = table,
        };
    }

    private static bool IsRegisterValue(CaptureObject c) =>
        c.ClassId is CosemClass.Register or CosemClass.ExtendedRegister && c.AttributeIndex == CosemClass.Value && c.DataIndex == 0;

    /// <summary>A date-time cell as its UTC instant (null when wildcarded), a register cell scaled, anything else as decoded.</summary>
    private static JsonNode? Cell(DataValue cell, ScalerUnit? scaler)
    {
        if (cell.Type == DataType.OctetString && cell.AsBytes().Length == CosemDateTime.Size)
        {
            var time = CosemDateTime.Parse(cell.AsBytes());
            return new JsonObject
            {
                ["utc"] = time.TryToUtc(out var utc) ? utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : null,
                ["dateTime"] = time.ToString(),
            };
        }

        return scaler is { } su && cell.IsInteger ? JsonValue.Create(su.Apply(cell.AsDouble())) : DlmsJson.Data(cell);
    }
}
