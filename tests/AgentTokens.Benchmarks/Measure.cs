using System.Diagnostics;

namespace AgentTokens.Benchmarks;

/// <summary>Timing helpers: every figure is the median of several runs.</summary>
internal static class Measure
{
    /// <summary>
    /// The median of <paramref name="runs"/> timings of <paramref name="work"/>, after one warm-up run; each run,
    /// the warm-up too, starts after an unmeasured <paramref name="pause"/> (for rate limiters to refill between runs).
    /// Skip the warm-up (<paramref name="warmUp"/> false) only for long runs of code that earlier scenarios warmed.
    /// </summary>
    public static async Task<TimeSpan> MedianAsync(int runs, Func<Task> work, TimeSpan pause = default, bool warmUp = true)
    {
        if (warmUp)
        {
            await Task.Delay(pause);
            await work();
        }
        var times = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            await Task.Delay(pause);
            var watch = Stopwatch.StartNew();
            await work();
            times.Add(watch.Elapsed);
        }
        return Median(times);
    }

    /// <summary>The median of a list of values.</summary>
    public static TimeSpan Median(List<TimeSpan> times)
    {
        times.Sort();
        return times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
    }

    /// <summary>
    /// The most live managed memory seen above the starting point while <paramref name="work"/> runs three times:
    /// sampled every 5 ms after a full collection, so it counts what is retained (buffered pages), not garbage
    /// awaiting a GC; three runs give a short listing as many samples as it needs.
    /// </summary>
    public static async Task<long> PeakHeapAsync(Func<Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(true);
        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(true) - baseline);
                await Task.Delay(5);
            }
        });
        for (var i = 0; i < 3; i++)
        {
            await work();
        }
        stop.Cancel();
        await sampler;
        return peak;
    }
}
