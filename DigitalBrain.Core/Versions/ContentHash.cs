using System.Security.Cryptography;
using System.Text;

namespace DigitalBrain.Core.Versions;

/// <summary>SHA-256 of a version's spec JSON, lower-case hex: the identity of its content.</summary>
public static class ContentHash
{
    public static string Of(string specJson) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(specJson))).ToLowerInvariant();
}
