"""Rewrites libLibTorchSharp.so's GLIBCXX_3.4.32 version need to GLIBCXX_3.4.22 (same length, hash updated), after its one symbol
of that version was unversioned by patchelf, so Debian 12's libstdc++ satisfies it."""
import struct, sys
def elf_hash(s):
    h = 0
    for c in s.encode():
        h = ((h << 4) + c) & 0xffffffff
        g = h & 0xf0000000
        if g: h ^= g >> 24
        h &= ~g & 0xffffffff
    return h
path = sys.argv[1]
b = bytearray(open(path, 'rb').read())
shoff, = struct.unpack_from('<Q', b, 0x28); shentsize, shnum, shstrndx = struct.unpack_from('<HHH', b, 0x3a)
secs = [struct.unpack_from('<IIQQQQIIQQ', b, shoff + i * shentsize) for i in range(shnum)]
vr = next(s for s in secs if s[1] == 0x6ffffffe)  # SHT_GNU_verneed
strtab = secs[vr[6]]
off = vr[4]; old = 'GLIBCXX_3.4.32'; new = 'GLIBCXX_3.4.22'; done = False
while True:
    vn_version, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from('<HHIII', b, off)
    a = off + vn_aux
    for _ in range(vn_cnt):
        vna_hash, vna_flags, vna_other, vna_name, vna_next = struct.unpack_from('<IHHII', b, a)
        p = strtab[4] + vna_name
        name = b[p:b.index(0, p)].decode()
        if name == old:
            b[p:p + len(new)] = new.encode(); struct.pack_into('<I', b, a, elf_hash(new)); done = True
        a += vna_next
    if not vn_next: break
    off += vn_next
open(path, 'wb').write(b)
print('rewritten' if done else 'nothing to rewrite')
