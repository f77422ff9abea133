using System.Runtime.InteropServices;

namespace CleanDashboard.Benchmarks;

/// <summary>
/// The CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>): what one piece of work cost on the thread
/// that ran it, without the GC's and the JIT's background threads that process CPU also counts. Only meaningful when
/// the work ran on that one thread; <see cref="Measure"/> says whether it did.
/// </summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static TimeSpan Now()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        }

        return TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100));
    }

    /// <summary>Runs <paramref name="work"/> and returns its thread CPU; null when it continued on another thread than it started on.</summary>
    public static async Task<TimeSpan?> Measure(Func<Task> work)
    {
        var thread = Environment.CurrentManagedThreadId;
        var started = Now();
        await work();
        return Environment.CurrentManagedThreadId == thread ? Now() - started : null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
