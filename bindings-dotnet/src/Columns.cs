using System;
using System.Runtime.InteropServices;
using System.Text;
using Slotwise.Native;

namespace Slotwise
{
    /// <summary>Copies the library's columns into managed arrays (one copy per column).</summary>
    internal static class Columns
    {
        internal static unsafe SlotColumns Copy(ref SlotwiseColumns c)
        {
            int n = checked((int)(ulong)c.Len);
            int ids = checked((int)(ulong)c.IdsLen);
            var names = new string[ids];
            var buffers = (Native.SlotwiseBuffer*)c.Ids;
            for (int i = 0; i < ids; i++)
            {
                names[i] = Encoding.UTF8.GetString(Interop.Copy(buffers[i]));
            }
            return new SlotColumns
            {
                Ids = names,
                Schedule = U32(c.Schedule, n),
                Start = I64(c.Start, n),
                End = I64(c.End, n),
                Capacity = U32(c.Capacity, n),
                Booked = U32(c.Booked, n),
                Remaining = U32(c.Remaining, n),
            };
        }

        static unsafe uint[] U32(IntPtr source, int n)
        {
            var items = new uint[n];
            if (n > 0)
            {
                fixed (uint* target = items)
                {
                    Buffer.MemoryCopy((void*)source, target, (long)n * 4, (long)n * 4);
                }
            }
            return items;
        }

        static long[] I64(IntPtr source, int n)
        {
            var items = new long[n];
            if (n > 0) Marshal.Copy(source, items, 0, n);
            return items;
        }
    }
}
