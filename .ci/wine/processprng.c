/*
 * Test-only stand-in for bcryptprimitives.dll, for running gidcert's Windows build under Wine 8.0.
 *
 * Rust's standard library (1.78 and later) imports ProcessPrng from bcryptprimitives.dll for its
 * random numbers (HashMap keys and the like). Wine 8.0 has no such DLL, so every Rust program dies
 * at load. This DLL exports ProcessPrng and forwards it to RtlGenRandom (advapi32's
 * SystemFunction036), which Wine does have, in chunks of at most ULONG_MAX bytes.
 *
 * .ci/windows builds it with mingw and puts it into the test Wine prefix's system32. It is never
 * shipped: real Windows 10 and 11 have bcryptprimitives.dll.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0xFFFFFFFFu ? 0xFFFFFFFFu : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
