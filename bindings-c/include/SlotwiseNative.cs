// P/Invoke declarations of slotwise.h, written once next to the header and kept in
// step with it by hand (bindings-dotnet/test.sh checks both name the same functions). Text
// arguments are UTF-8 byte arrays with an explicit length; see slotwise.h for the
// behaviour of each function.
using System;
using System.Runtime.InteropServices;

namespace Slotwise.Native
{
    /// <summary>SlotwiseBuffer: bytes owned by the library.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SlotwiseBuffer
    {
        public IntPtr Data;
        public UIntPtr Len;
    }

    /// <summary>SlotwiseResult: the outcome of a call.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SlotwiseResult
    {
        public int Code;
        public SlotwiseBuffer Message;
        public SlotwiseBuffer Path;
        public SlotwiseBuffer Value;
    }

    /// <summary>SlotwiseColumns: an availability answer as columns.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SlotwiseColumns
    {
        public UIntPtr Len;
        public UIntPtr IdsLen;
        public IntPtr Ids;
        public IntPtr Schedule;
        public IntPtr Start;
        public IntPtr End;
        public IntPtr Capacity;
        public IntPtr Booked;
        public IntPtr Remaining;
    }

    /// <summary>The opaque SlotwiseEngine*, freed by slotwise_engine_free.</summary>
    internal sealed class EngineHandle : SafeHandle
    {
        public EngineHandle() : base(IntPtr.Zero, true) { }

        public override bool IsInvalid { get { return handle == IntPtr.Zero; } }

        protected override bool ReleaseHandle()
        {
            NativeMethods.slotwise_engine_free(handle);
            return true;
        }
    }

    internal static class NativeMethods
    {
        public const string Library = "slotwise_c";

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr slotwise_version();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr slotwise_tzdata_version();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr slotwise_code_name(int code);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void slotwise_result_free(ref SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void slotwise_columns_free(ref SlotwiseColumns columns);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_expand(
            byte[] ical, UIntPtr icalLen, byte[] from, UIntPtr fromLen, byte[] to, UIntPtr toLen,
            long limit, out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern EngineHandle slotwise_engine_new();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void slotwise_engine_free(IntPtr engine);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_from_json(
            byte[] json, UIntPtr jsonLen, out EngineHandle engine, out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_from_snapshot(
            byte[] bytes, UIntPtr bytesLen, out EngineHandle engine, out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_new_with_limits(
            byte[] limits, UIntPtr limitsLen, out EngineHandle engine, out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_from_json_with_limits(
            byte[] json, UIntPtr jsonLen, byte[] limits, UIntPtr limitsLen, out EngineHandle engine,
            out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_from_snapshot_with_limits(
            byte[] bytes, UIntPtr bytesLen, byte[] limits, UIntPtr limitsLen, out EngineHandle engine,
            out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_to_json(EngineHandle engine, out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_to_snapshot(EngineHandle engine, out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_add_schedule(
            EngineHandle engine, byte[] json, UIntPtr jsonLen, out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_replace_schedule(
            EngineHandle engine, byte[] json, UIntPtr jsonLen, out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_remove_schedule(
            EngineHandle engine, byte[] id, UIntPtr idLen, out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_add_appointment(
            EngineHandle engine, byte[] json, UIntPtr jsonLen, out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_update_appointment(
            EngineHandle engine, byte[] json, UIntPtr jsonLen, out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_remove_appointment(
            EngineHandle engine, byte[] id, UIntPtr idLen, out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_availability(
            EngineHandle engine, byte[] query, UIntPtr queryLen, out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_availability_columns(
            EngineHandle engine, byte[] query, UIntPtr queryLen, out SlotwiseColumns columns,
            out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_combined(
            EngineHandle engine, byte[] query, UIntPtr queryLen, out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_check_booking(
            EngineHandle engine, byte[] appointment, UIntPtr appointmentLen, byte[] rules, UIntPtr rulesLen,
            out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_explain(
            EngineHandle engine, byte[] scheduleId, UIntPtr scheduleIdLen, byte[] instant, UIntPtr instantLen,
            out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_reconcile(
            EngineHandle engine, byte[] json, UIntPtr jsonLen, out SlotwiseResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int slotwise_engine_report(
            EngineHandle engine, byte[] json, UIntPtr jsonLen, out SlotwiseResult result);
    }
}
