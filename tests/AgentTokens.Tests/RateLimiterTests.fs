/// The client's rate limiter: a burst up to the limit, then nothing until a window after an earlier request was answered.
module AgentTokens.Tests.RateLimiterTests

open System
open System.Diagnostics
open System.Threading
open System.Threading.Tasks
open Expecto
open AgentTokens

let tests =
    testList "rate limiter" [
        test "lets a burst of the limit go at once, then no more in the window" {
            use limiter = new SlidingWindowLog(5, TimeSpan.FromSeconds 30.0)
            let granted = [ for _ in 1..6 -> limiter.AttemptAcquire(1).IsAcquired ]
            Expect.equal granted [ true; true; true; true; true; false ] "five, then none"
        }

        testCaseTask "never grants more than the limit in any window" <| fun () -> task {
            let window = TimeSpan.FromMilliseconds 150.0
            use limiter = new SlidingWindowLog(3, window)
            let times = ResizeArray<int64>()
            for _ in 1..10 do
                use! _lease = limiter.AcquireAsync(1, CancellationToken.None)
                times.Add(Stopwatch.GetTimestamp())
            for i in 3 .. times.Count - 1 do
                let gap = Stopwatch.GetElapsedTime(times[i - 3], times[i])
                // Each time is taken after its grant and before its lease is released (the end of the loop body).
                Expect.isGreaterThanOrEqual gap window (sprintf "grant %d is a window after grant %d" i (i - 3))
        }

        testCaseTask "counts a window from when the request was answered, not from when it was let go" <| fun () -> task {
            // A window long enough that "not yet" cannot be missed on a slow machine.
            let window = TimeSpan.FromMilliseconds 500.0
            use limiter = new SlidingWindowLog(2, window)
            let first = limiter.AttemptAcquire(1)
            use second = limiter.AttemptAcquire(1)
            do! Task.Delay(window * 1.5)
            Expect.isFalse (limiter.AttemptAcquire(1).IsAcquired) "the first request has not been answered: no third permit"
            let answered = Stopwatch.GetTimestamp()
            first.Dispose()
            Expect.isFalse (limiter.AttemptAcquire(1).IsAcquired) "answered just now: not yet"
            use! third = limiter.AcquireAsync(1, CancellationToken.None)
            Expect.isTrue third.IsAcquired "granted"
            Expect.isGreaterThanOrEqual (Stopwatch.GetElapsedTime answered) window "a window after the answer"
        }
    ]
