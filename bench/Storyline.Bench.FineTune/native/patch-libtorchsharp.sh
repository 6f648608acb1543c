#!/bin/sh
# Lets TorchSharp's native bridge load on Debian 12 (GCC 12 libstdc++): drops its one GLIBCXX_3.4.32 symbol version and
# links in a shim defining that symbol. Run after each build: native/patch-libtorchsharp.sh bin/Release/net10.0
set -e
out="$1/runtimes/linux-x64/native"
here="$(cd "$(dirname "$0")" && pwd)"
g++ -O2 -shared -fPIC -o "$out/libiosshim.so" "$here/iosshim.cpp"
if objdump -T "$out/libLibTorchSharp.so" | grep -q GLIBCXX_3.4.32; then
  patchelf --clear-symbol-version _ZSt21ios_base_library_initv "$out/libLibTorchSharp.so"
  patchelf --add-needed libiosshim.so "$out/libLibTorchSharp.so"
  python3 "$here/drop-verneed.py" "$out/libLibTorchSharp.so"
fi
patchelf --set-rpath '$ORIGIN' "$out/libLibTorchSharp.so"
