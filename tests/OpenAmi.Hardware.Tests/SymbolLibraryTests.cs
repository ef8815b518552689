using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace OpenAmi.Hardware.Tests;

/// <summary>
/// The schematic's symbols come from KiCad's own library (kicad-symbols 9.0.8) wherever it has the part: every
/// symbol embedded in a sheet under a KiCad library name has the pins of the installed library's symbol (number,
/// name, position, orientation), so a wire or label placed by the generator meets KiCad's pin ends; and the
/// project library (lib/openami.kicad_sym) holds only the symbols that hardware/README.md lists as having no
/// official counterpart.
/// </summary>
public class SymbolLibraryTests
{
    private static readonly string SymbolDir = Environment.GetEnvironmentVariable("KICAD9_SYMBOL_DIR") ?? "/usr/share/kicad/symbols";

    public static TheoryData<string, string> EmbeddedOfficialSymbols()
    {
        var data = new TheoryData<string, string>();
        foreach (var (sheet, libId) in Embedded.Value)
        {
            data.Add(sheet, libId);
        }

        return data;
    }

    /// <summary>(sheet file, "Library:Name") of every symbol a sheet embeds from a KiCad library.</summary>
    private static readonly Lazy<(string Sheet, string LibId)[]> Embedded = new(() =>
        Directory.GetFiles(HardwareTools.Project, "*.kicad_sch").Order(StringComparer.Ordinal)
            .SelectMany(sheet => Regex.Matches(SExpression.Block(File.ReadAllText(sheet), "(lib_symbols")!,
                    @"\(symbol ""([^"":]+:[^""]+)""")
                .Select(m => m.Groups[1].Value).Where(id => !id.StartsWith("openami:", StringComparison.Ordinal))
                .Select(id => (Path.GetFileName(sheet), id)))
            .ToArray());

    [Fact]
    public void The_sheets_embed_KiCad_library_symbols()
    {
        // Device:R and Device:C alone appear on several sheets; a generator that fell back to its own drawings
        // would embed none.
        Assert.True(Embedded.Value.Length >= 30, "too few KiCad library symbols in the sheets");
    }

    [Theory]
    [MemberData(nameof(EmbeddedOfficialSymbols))]
    public void Embedded_symbol_has_the_installed_library_pins(string sheet, string libId)
    {
        string libSymbols = SExpression.Block(File.ReadAllText(Path.Combine(HardwareTools.Project, sheet)), "(lib_symbols")!;
        string embedded = SExpression.Block(libSymbols, $"(symbol \"{libId}\"")!;

        string[] parts = libId.Split(':');
        string libraryFile = Path.Combine(SymbolDir, parts[0] + ".kicad_sym");
        Assert.True(File.Exists(libraryFile), libraryFile + " missing: tools/scripts/install-hardware-tools.sh installs kicad-symbols");
        string library = File.ReadAllText(libraryFile);
        string? own = SExpression.Block(library, $"(symbol \"{parts[1]}\"");
        Assert.True(own != null, libId + " is not in the installed library");
        Match parent = Regex.Match(own!, @"^\(symbol ""[^""]+""\s*\(extends ""([^""]+)""\)");
        string body = parent.Success ? SExpression.Block(library, $"(symbol \"{parent.Groups[1].Value}\"")! : own!;

        Assert.Equal(Pins(body), Pins(embedded));
        Assert.NotEmpty(Pins(embedded));
    }

    [Fact]
    public void Project_symbol_library_holds_only_the_README_list()
    {
        string library = File.ReadAllText(Path.Combine(HardwareTools.Project, "lib", "openami.kicad_sym"));
        var symbols = Regex.Matches(library, @"^\(symbol ""([^""]+)"" \((?:pin_names|power)", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToArray();

        string readme = File.ReadAllText(Path.Combine(HardwareTools.Root, "hardware", "README.md"));
        int start = readme.IndexOf("| symbol | part | why no KiCad symbol |", StringComparison.Ordinal);
        Assert.True(start >= 0, "hardware/README.md has no project symbol table");
        var listed = readme.Substring(start).Split('\n').Skip(2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Trim().Trim('|').Split('|')[0].Trim().Trim('`')).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(listed, symbols);
    }

    /// <summary>(number, name, x, y, angle) of every pin of a symbol's units, in a stable order.</summary>
    private static string[] Pins(string symbol) =>
        Regex.Matches(symbol, @"\(pin \w+ \w+\s*\(at ([-\d.]+) ([-\d.]+)(?: ([-\d.]+))?\)[\s\S]*?\(name ""([^""]*)""[\s\S]*?\(number ""([^""]*)""")
            .Select(m => $"{m.Groups[5].Value} {m.Groups[4].Value} {m.Groups[1].Value} {m.Groups[2].Value} {(m.Groups[3].Success ? m.Groups[3].Value : "0")}")
            .Order(StringComparer.Ordinal).ToArray();
}
