namespace DigitalBrain.Core.Estimates;

/// <summary>Small descriptive statistics used by <see cref="Aggregator"/>; inputs are finite.</summary>
internal static class Statistics
{
    public static double Mean(IReadOnlyList<double> x) => x.Sum() / x.Count;

    /// <summary>Sample standard deviation (n − 1 in the denominator); null below two values.</summary>
    public static double? SampleSd(IReadOnlyList<double> x)
    {
        if (x.Count < 2)
            return null;
        var mean = Mean(x);
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Count - 1));
    }

    public static double Median(IReadOnlyList<double> x)
    {
        var sorted = x.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    // Two-sided 95% quantiles t(0.975, df) for df = 1..30 (standard tables).
    private static readonly double[] T975 =
    [
        12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
        2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
        2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
    ];

    public const double Z975 = 1.959964;

    /// <summary>Student's t quantile t(0.975, df): the table up to 30, then the Cornish–Fisher
    /// expansion around the normal quantile (error below 1e-4 there).</summary>
    public static double T975Quantile(int df)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(df, 1);
        if (df <= T975.Length)
            return T975[df - 1];
        double z = Z975, v = df;
        return z + (Math.Pow(z, 3) + z) / (4 * v)
                 + (5 * Math.Pow(z, 5) + 16 * Math.Pow(z, 3) + 3 * z) / (96 * v * v)
                 + (3 * Math.Pow(z, 7) + 19 * Math.Pow(z, 5) + 17 * Math.Pow(z, 3) - 15 * z) / (384 * v * v * v);
    }

    /// <summary>Distribution-free 95% interval of the median from order statistics: the widest
    /// rank j with P(Binomial(n, ½) ≤ j − 1) ≤ 0.025 gives [x(j), x(n − j + 1)]. Null below n = 6.</summary>
    public static (double Low, double High)? MedianInterval(IReadOnlyList<double> x)
    {
        var n = x.Count;
        var sorted = x.Order().ToArray();
        var j = 0;
        var cumulative = 0.0;
        for (var k = 0; k < n; k++)
        {
            cumulative += BinomialHalf(n, k);
            if (cumulative > 0.025)
                break;
            j = k + 1;
        }
        return j == 0 ? null : (sorted[j - 1], sorted[n - j]);
    }

    private static double BinomialHalf(int n, int k)
    {
        // C(n, k) / 2^n in logs, so large n does not overflow.
        var logC = LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k);
        return Math.Exp(logC - n * Math.Log(2));
    }

    private static double LogFactorial(int n)
    {
        var sum = 0.0;
        for (var i = 2; i <= n; i++)
            sum += Math.Log(i);
        return sum;
    }
}
