// libLibTorchSharp.so (TorchSharp 0.107.0) is built with GCC 13, whose <iostream> calls std::ios_base_library_init()
// (libstdc++ GLIBCXX_3.4.32); Debian 12's libstdc++ (GCC 12) lacks it but still initialises the standard streams itself.
#include <ios>
namespace std { void ios_base_library_init() { static ios_base::Init init; } }
