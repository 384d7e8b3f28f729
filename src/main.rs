fn main() -> std::process::ExitCode {
    gidcert::cli::main()
}
