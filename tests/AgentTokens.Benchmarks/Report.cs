using System.Globalization;
using System.Text;

namespace AgentTokens.Benchmarks;

/// <summary>The figures of one run: each printed as measured, then as ratios against baselines of the same run.</summary>
internal sealed class Report
{
    private readonly List<(string Name, string Value)> _figures = [];
    private readonly List<(string Name, double Value, string Target, bool? Met)> _ratios = [];

    public void Figure(string name, string value)
    {
        _figures.Add((name, value));
        Console.WriteLine($"{name}: {value}");
    }

    public void Ratio(string name, double value, string target = "", bool? met = null)
    {
        _ratios.Add((name, value, target, met));
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine("| ratio | value | target | met |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, value, target, met) in _ratios)
        {
            Console.WriteLine($"| {name} | {value.ToString("0.###", CultureInfo.InvariantCulture)} | {target} | {(met is null ? "" : met.Value ? "yes" : "no")} |");
        }
        Console.WriteLine();
        foreach (var (name, value, _, _) in _ratios)
        {
            Console.WriteLine($"ratio {name}: {value.ToString("0.###", CultureInfo.InvariantCulture)}");
        }
    }
}
