using System.Globalization;

namespace DigitalBrain.Web.Components.Versions;

/// <summary>Culture-invariant figures for the version pages.</summary>
internal static class VersionFormat
{
    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
