#pragma once
// Hot loops are compiled twice, for x86-64-v3 (AVX2, FMA) and for baseline x86-64, and the
// loader picks the one the processor runs (GCC function multi-versioning). Sanitizer and
// clang (fuzz) builds take the plain version, and so do unoptimized (Debug) builds: there the
// inline Float8 helpers stay calls into baseline code, and a 32-byte vector passed between an
// AVX2 clone and baseline code changes calling convention (a crash).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__) \
    && !defined(__SANITIZE_THREAD__) && defined(__OPTIMIZE__)
#define BITCLIFF_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define BITCLIFF_VECTOR_CLONES
#endif
