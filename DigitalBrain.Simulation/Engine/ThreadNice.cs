using System.Globalization;
using System.Runtime.InteropServices;

namespace DigitalBrain.Simulation.Engine;

/// <summary>
/// The Linux scheduling priority (nice value, −20 … 19) of the calling thread. A host that shares
/// its cores with the engine (the web app running a job) lowers the engine threads' priority so that
/// requests keep their share of the CPU: under the CFS scheduler a thread at nice 10 weighs 110
/// against 1,024 at nice 0, so while both are runnable the web gets about 90 % of a core.
/// Raising the nice value needs no privilege; lowering it again does (CAP_SYS_NICE), so it is only
/// ever applied to threads that the engine owns.
/// </summary>
public static partial class ThreadNice
{
    private const int PrioProcess = 0;

    /// <summary>Sets the calling thread's nice value (<c>setpriority(PRIO_PROCESS, gettid(), nice)</c>;
    /// on Linux <c>PRIO_PROCESS</c> with a thread id acts on that thread alone). Returns false where
    /// the OS is not Linux or refused.</summary>
    /// <param name="nice">−20 (highest) … 19 (lowest priority); 0 is the default.</param>
    public static bool TrySet(int nice)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        return SetPriority(PrioProcess, (uint)GetTid(), Math.Clamp(nice, -20, 19)) == 0;
    }

    /// <summary>The calling thread's kernel thread id (<c>gettid</c>), or −1 off Linux.</summary>
    public static int CurrentThreadId() => OperatingSystem.IsLinux() ? GetTid() : -1;

    /// <summary>The nice value of thread <paramref name="tid"/> of this process as the kernel reports
    /// it (field 19 of <c>/proc/self/task/&lt;tid&gt;/stat</c>), or null where that cannot be read.</summary>
    public static int? Read(int tid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/self/task/{tid.ToString(CultureInfo.InvariantCulture)}/stat");
            // The command name (field 2) may hold spaces; fields after its closing parenthesis start at 3.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[19 - 3], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int SetPriority(int which, uint who, int prio);
}
