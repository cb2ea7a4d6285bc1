using System.Net;

namespace Probity.IntegrationTests.Intelligence;

/// <summary>
/// An item's sanitised versions and dissemination log travel with it: the export writes them beside the items file, and
/// the import checks them as the Bureau's forms do (a dissemination of an original its handling code keeps in the Bureau is
/// refused, naming file, line and column) and writes nothing if any row is wrong.
/// </summary>
public sealed partial class IntelligenceLogTests
{
    [Theory, MemberData(nameof(Providers))]
    public async Task Sanitised_versions_and_disseminations_go_out_beside_the_items_and_come_back_checked_as_the_forms_check_them(Provider provider)
    {
        await using var app = await ForceAsync(provider);
        var b1 = await app.SignInAsync("b1");
        var id = await RecordAsync(b1, Item("2020-05-01", "B", "2", "C", "PC Ashdown sells PNC checks to a private investigator.", "Not to the subject's line management.", staff: Colleague));
        var b2 = await app.SignInAsync("b2");
        Assert.Null(await ErrorAfterAsync(b2, id, "Review", new() { ["note"] = "Graded right." }));
        Assert.Null(await ErrorAfterAsync(b2, id, "Sanitise", new() { ["text"] = "A member of staff may be disclosing police information, \"for money\"." }));
        Assert.Null(await ErrorAfterAsync(b2, id, "Disseminate", new() { ["which"] = "1", ["recipient"] = "Information Commissioner's Office", ["reason"] = "Their investigation", ["conditions"] = "Not to line management" }));

        var file = Path.Combine(app.UploadFolder, "items.csv");
        var (code, output) = await app.RunCliAsync("b1", "intelligence", "export", "--out", file);
        Assert.True(code == 0, output);
        var sanitised = await File.ReadAllLinesAsync(Path.Combine(app.UploadFolder, "items.sanitised.csv"), Ct);
        Assert.Equal("item_id,number,text,written_by,written_at", sanitised[0]);
        Assert.StartsWith($"{id},1,\"A member of staff may be disclosing police information, \"\"for money\"\".\",b2,", sanitised[1], StringComparison.Ordinal);
        var disseminations = await File.ReadAllLinesAsync(Path.Combine(app.UploadFolder, "items.disseminations.csv"), Ct);
        Assert.Equal("item_id,version,recipient,reason,conditions,disseminated_by,disseminated_at", disseminations[0]);
        Assert.StartsWith($"{id},1,Information Commissioner's Office,Their investigation,Not to line management,b2,", disseminations[1], StringComparison.Ordinal);

        // Into another force's log: a dissemination of the original, which handling code C keeps in the Bureau, stops the
        // whole import, naming the file, line and column; nothing of the items file is written either.
        await using var other = await ForceAsync(provider);
        var folder = Path.Combine(other.UploadFolder, "in");
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "items.csv", "items.sanitised.csv", "items.disseminations.csv" }) File.Copy(Path.Combine(app.UploadFolder, name), Path.Combine(folder, name));
        var dissemination = Path.Combine(folder, "items.disseminations.csv");
        await File.WriteAllTextAsync(dissemination, string.Join("\r\n", disseminations[0], disseminations[1], disseminations[1].Replace($"{id},1,", $"{id},original,", StringComparison.Ordinal)) + "\r\n", Ct);
        await other.SignInAsync("b1");
        (code, output) = await other.RunCliAsync("b1", "intelligence", "import", Path.Combine(folder, "items.csv"));
        Assert.Equal(2, code);
        Assert.Contains("items.disseminations.csv:3 (version): handling code C", output, StringComparison.Ordinal);
        Assert.Null(await ItemAsync(other, id, i => i.Id));

        // As exported, it comes back whole: the version, its dissemination, who and when.
        await File.WriteAllTextAsync(dissemination, string.Join("\r\n", disseminations) + "\r\n", Ct);
        (code, output) = await other.RunCliAsync("b1", "intelligence", "import", Path.Combine(folder, "items.csv"));
        Assert.True(code == 0, output);
        var page = WebUtility.HtmlDecode(await (await other.SignInAsync("b2")).Http.GetStringAsync($"/intelligence/items/{id}", Ct));
        Assert.Contains("disclosing police information, \"for money\"", page, StringComparison.Ordinal);
        Assert.Contains("Information Commissioner's Office", page, StringComparison.Ordinal);
        Assert.Equal((1, 1), (await ItemAsync(other, id, i => i.Sanitised.Count), await ItemAsync(other, id, i => i.Disseminations.Count)));
        Assert.Contains(await other.TrailAsync(), e => e.Actor == "b1" && e.Action == "intelligence_import" && e.Detail!.EndsWith("; sanitised version 1; sanitised version 1 to Information Commissioner's Office", StringComparison.Ordinal));
    }
}
