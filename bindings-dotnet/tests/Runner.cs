using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Slotwise.Tests
{
    /// <summary>Marks a static test method without parameters.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    sealed class TestAttribute : Attribute { }

    /// <summary>Marks a static method returning named cases (one per vector file).</summary>
    [AttributeUsage(AttributeTargets.Method)]
    sealed class CasesAttribute : Attribute { }

    sealed class AssertionException : Exception
    {
        public AssertionException(string message) : base(message) { }
    }

    static class Assert
    {
        public static void True(bool condition, string what)
        {
            if (!condition) throw new AssertionException(what);
        }

        public static void Equal<T>(T expected, T actual, string what)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual))
            {
                throw new AssertionException(what + ": expected <" + expected + "> but got <" + actual + ">");
            }
        }

        public static T Throws<T>(Action action, string what) where T : Exception
        {
            try
            {
                action();
            }
            catch (T e)
            {
                return e;
            }
            catch (Exception e)
            {
                throw new AssertionException(what + ": expected " + typeof(T).Name + " but got " + e.GetType().Name + ": " + e.Message);
            }
            throw new AssertionException(what + ": expected " + typeof(T).Name + " but nothing was thrown");
        }

        /// <summary>The call fails with this code and path.</summary>
        public static SlotwiseException Fails(string code, string path, Action action, string what)
        {
            var e = Throws<SlotwiseException>(action, what);
            Equal(code, e.Code, what + " (code; " + e.Message + ")");
            Equal(path, e.Path, what + " (path; " + e.Message + ")");
            True(e.Message.Length > 0, what + ": a message");
            return e;
        }
    }

    /// <summary>Runs every [Test] and [Cases] of this assembly; prints "N passed, N failed".</summary>
    static class Runner
    {
        static int Main(string[] args)
        {
            string filter = args.Length > 0 ? args[0] : "";
            var cases = new List<KeyValuePair<string, Action>>();
            foreach (var type in typeof(Runner).Assembly.GetTypes().OrderBy(t => t.FullName))
            {
                foreach (var m in type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
                {
                    if (m.GetCustomAttributes(typeof(TestAttribute), false).Length > 0)
                    {
                        var method = m;
                        cases.Add(new KeyValuePair<string, Action>(
                            type.Name + "." + m.Name, () => method.Invoke(null, null)));
                    }
                    if (m.GetCustomAttributes(typeof(CasesAttribute), false).Length > 0)
                    {
                        cases.AddRange((IEnumerable<KeyValuePair<string, Action>>)m.Invoke(null, null));
                    }
                }
            }
            int passed = 0, failed = 0;
            foreach (var c in cases.Where(c => c.Key.Contains(filter)))
            {
                try
                {
                    c.Value();
                    passed++;
                }
                catch (Exception e)
                {
                    while (e is TargetInvocationException && e.InnerException != null) e = e.InnerException;
                    failed++;
                    Console.WriteLine("FAIL " + c.Key + ": " + (e is AssertionException ? e.Message : e.ToString()));
                }
            }
            Console.WriteLine(passed + " passed, " + failed + " failed");
            return failed == 0 && passed > 0 ? 0 : 1;
        }
    }
}
