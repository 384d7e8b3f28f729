fn main() -> std::process::ExitCode {
    gidcert::app::main()
}
