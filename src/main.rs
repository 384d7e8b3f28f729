/// Every freed block is wiped before it goes back to the system allocator: the copies of the PIN
/// (request bodies inside reqwest, hyper and rustls; serde buffers; a `Vec` that grew) and of
/// decrypted keys never outlive their use (docs/security.md; its cost: docs/benchmarks.md).
#[cfg(feature = "wipe-freed")]
#[global_allocator]
static ALLOC: zeroizing_alloc::ZeroAlloc<std::alloc::System> =
    zeroizing_alloc::ZeroAlloc(std::alloc::System);

fn main() -> std::process::ExitCode {
    gidcert::app::main()
}
