using System.Globalization;
using DigitalBrain.Core.Runs;
using MudBlazor;

namespace DigitalBrain.Web.Components.Runs;

/// <summary>How runs are written on the pages: invariant numbers, short durations, status colours.</summary>
public static class RunFormat
{
    public static string Number(double? value, string format = "0.###") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    public static string Duration(double? seconds) => seconds switch
    {
        null => "—",
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.#} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(seconds.Value / 60):0} min {seconds % 60:0} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(seconds.Value / 3600):0} h {seconds % 3600 / 60:0} min"),
    };

    public static string Bytes(long? bytes) => bytes is { } b
        ? string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:0.#} MiB")
        : "—";

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static Color StatusColor(RunStatus status) => status switch
    {
        RunStatus.Succeeded => Color.Success,
        RunStatus.Failed => Color.Error,
        RunStatus.Cancelled => Color.Default,
        RunStatus.Queued => Color.Info,
        _ => Color.Primary,
    };

    /// <summary>Colours of the agreement classes (colour-blind safe: Okabe–Ito).</summary>
    public static string AgreementColor(RateAgreement agreement) => agreement switch
    {
        RateAgreement.InsideInterval => "#009E73",
        RateAgreement.WithinFactorTwo => "#E69F00",
        RateAgreement.Outside => "#D55E00",
        _ => "#999999",
    };

    public static string AgreementText(RateAgreement agreement) => agreement switch
    {
        RateAgreement.InsideInterval => "inside interval",
        RateAgreement.WithinFactorTwo => "within ×2",
        RateAgreement.Outside => "outside ×2",
        _ => "no reference",
    };

    /// <summary>Where a reference rate comes from, in words for tables and hover texts.</summary>
    public static string SourceText(ReferenceSource source) => source switch
    {
        ReferenceSource.Version => "frozen in the version; 95 % interval of the unchanged current estimate",
        ReferenceSource.VersionValueOnly => "frozen in the version; no interval (the estimate changed since or has none): ±10 %",
        _ => "current estimate (the version has no reference rate)",
    };

    /// <summary>A ratio as "×1.23", or a dash.</summary>
    public static string Ratio(double? ratio) => ratio is { } r && double.IsFinite(r) ? "×" + r.ToString("0.00", CultureInfo.InvariantCulture) : "—";
}
