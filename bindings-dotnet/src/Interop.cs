using System;
using System.Runtime.InteropServices;
using System.Text;
using Slotwise.Native;

namespace Slotwise
{
    /// <summary>Calls into the C ABI: UTF-8 arguments in, the result read, copied and freed.</summary>
    internal static class Interop
    {
        internal delegate int Call(out SlotwiseResult result);

        /// <summary>UTF-8 bytes of <paramref name="text"/> followed by a NUL (never an empty array).</summary>
        internal static byte[] Utf8(string text, string name)
        {
            if (text == null) throw new ArgumentNullException(name);
            var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
            Encoding.UTF8.GetBytes(text, 0, text.Length, bytes, 0);
            return bytes;
        }

        /// <summary>The length of an argument made by <see cref="Utf8"/>.</summary>
        internal static UIntPtr Len(byte[] utf8)
        {
            return (UIntPtr)(ulong)(utf8.Length - 1);
        }

        /// <summary>Run a call; its answer's bytes, or the error as an exception.</summary>
        internal static byte[] Bytes(Call call)
        {
            SlotwiseResult result;
            int code = call(out result);
            try
            {
                Check(code, ref result);
                return Copy(result.Value);
            }
            finally
            {
                NativeMethods.slotwise_result_free(ref result);
            }
        }

        /// <summary>Run a call; its answer as text.</summary>
        internal static string Text(Call call)
        {
            return Encoding.UTF8.GetString(Bytes(call));
        }

        /// <summary>Throw the error a result holds, if any.</summary>
        internal static void Check(int code, ref SlotwiseResult result)
        {
            if (code == 0) return;
            string name = Marshal.PtrToStringAnsi(NativeMethods.slotwise_code_name(code)) ?? ("code " + code);
            throw new SlotwiseException(
                name, Encoding.UTF8.GetString(Copy(result.Path)), Encoding.UTF8.GetString(Copy(result.Message)));
        }

        internal static byte[] Copy(SlotwiseBuffer buffer)
        {
            int len = checked((int)(ulong)buffer.Len);
            var bytes = new byte[len];
            if (len > 0) Marshal.Copy(buffer.Data, bytes, 0, len);
            return bytes;
        }

        internal static string StaticString(IntPtr text)
        {
            return Marshal.PtrToStringAnsi(text);
        }
    }
}
