#!/usr/bin/env python3
"""Slotwise.csproj as Mono's compiler reads it: no .NET SDK builds here (Debian has
Mono's xbuild, which cannot read SDK-style projects), so build.sh compiles exactly the
sources and settings the project names, taken from it by this script.

  project.py sources   the C# files the project compiles (paths from the repository root)
  project.py flags     mcs options for the project's settings
  project.py check     the project is well-formed, names every file under src/ and the
                       P/Invoke declarations, targets netstandard2.0, and ships the
                       native library under the name the declarations load
"""

import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROJECT = os.path.join(HERE, "Slotwise.csproj")
NATIVE = os.path.join(ROOT, "bindings-c", "include", "SlotwiseNative.cs")
# The newest language version Mono's mcs compiles (a subset of the project's 7.3).
MCS_MAX = (7, 2)


def project():
    # Raises on a malformed file, as `dotnet build` would refuse it.
    return ET.parse(PROJECT).getroot()


def prop(root, name):
    values = [e.text.strip() for e in root.iter(name) if e.text]
    return values[-1] if values else None


def sources(root):
    """The files of every <Compile Include>, relative to the repository root."""
    out = set()
    for item in root.iter("Compile"):
        pattern = os.path.join(HERE, item.get("Include").replace("\\", "/"))
        matched = glob.glob(pattern, recursive=True)
        if not matched:
            sys.exit(f"Slotwise.csproj: <Compile Include={item.get('Include')!r}> matches no file")
        out.update(os.path.relpath(os.path.normpath(p), ROOT) for p in matched)
    return sorted(out)


def flags(root):
    out = []
    version = prop(root, "LangVersion")
    if version:
        parts = tuple(int(p) for p in version.split("."))
        out.append("-langversion:" + ".".join(map(str, min(parts, MCS_MAX))))
    if prop(root, "AllowUnsafeBlocks") == "true":
        out.append("-unsafe")
    if prop(root, "TreatWarningsAsErrors") == "true":
        out.append("-warnaserror")
    return out


def check(root):
    problems = []
    if root.get("Sdk") != "Microsoft.NET.Sdk":
        problems.append("the project is not an SDK-style project (Sdk=Microsoft.NET.Sdk)")
    for name, want in [
        ("TargetFramework", "netstandard2.0"),
        ("AssemblyName", "Slotwise"),
        ("EnableDefaultCompileItems", "false"),
        ("AllowUnsafeBlocks", "true"),
    ]:
        if prop(root, name) != want:
            problems.append(f"<{name}> is {prop(root, name)!r}, not {want!r}")
    listed = set(sources(root))
    every = {
        os.path.relpath(p, ROOT)
        for p in glob.glob(os.path.join(HERE, "src", "**", "*.cs"), recursive=True)
    }
    every.add(os.path.relpath(NATIVE, ROOT))
    for path in sorted(every - listed):
        problems.append(f"{path} is not compiled by the project")
    for path in sorted(listed - every):
        problems.append(f"{path} is compiled by the project but is no library source")
    # The declarations load `slotwise_c`; the project must ship that library.
    library = re.search(r'const string Library = "([^"]+)"', open(NATIVE, encoding="utf-8").read())
    if not library:
        problems.append("SlotwiseNative.cs names no library (const string Library)")
    else:
        shipped = [e.get("Include") for e in root.iter("None")]
        for name in ["lib%s.so", "lib%s.dylib", "%s.dll"]:
            file = name % library.group(1)
            if not any(s and s.endswith("/" + file) for s in shipped):
                problems.append(f"the project does not ship {file}")
    return problems


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    root = project()
    if command == "sources":
        print("\n".join(sources(root)))
    elif command == "flags":
        print(" ".join(flags(root)))
    elif command == "check":
        problems = check(root)
        for p in problems:
            print("Slotwise.csproj: " + p, file=sys.stderr)
        if problems:
            sys.exit(1)
        print(f"Slotwise.csproj: {len(sources(root))} sources, {' '.join(flags(root))}")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
