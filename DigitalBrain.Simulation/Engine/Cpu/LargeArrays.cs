using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DigitalBrain.Simulation.Engine.Cpu;

/// <summary>
/// Allocation of the connectivity arrays (gigabytes at whole-brain size). They are written in full
/// before being read, so they are not zeroed twice (<see cref="GC.AllocateUninitializedArray{T}"/>);
/// and on Linux they ask for transparent huge pages (<c>madvise(MADV_HUGEPAGE)</c>, pinned so that the
/// address stays valid): first touching fresh memory is the largest single cost of a whole-brain build
/// in a virtual machine (measured 4 CPU s per GB with 4 kB pages, 2.5 with 2 MB pages), and 2 MB pages
/// also spare the TLB misses of the scattered writes of the fill.
/// </summary>
internal static partial class LargeArrays
{
    private const nuint HugePage = 2 << 20;
    private const int MadviseHugePage = 14;

    public static unsafe T[] Allocate<T>(int length)
        where T : unmanaged
    {
        var bytes = (long)length * sizeof(T);
        if (bytes < 4 * (long)HugePage || !OperatingSystem.IsLinux())
        {
            return GC.AllocateUninitializedArray<T>(length);
        }

        var array = GC.AllocateUninitializedArray<T>(length, pinned: true);
        var start = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        var first = (start + HugePage - 1) & ~(HugePage - 1);
        var end = (start + (nuint)bytes) & ~(HugePage - 1);
        // Advice only: where the kernel declines, the array works the same with small pages.
        _ = Madvise(first, end - first, MadviseHugePage);
        return array;
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Madvise(nuint address, nuint length, int advice);
}
