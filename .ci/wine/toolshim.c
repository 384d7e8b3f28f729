/*
 * Test-only: openssl.exe, keytool.exe and pk12util.exe for gidcert's tests under Wine.
 *
 * The integration tests make and check their PKCS#12 files with the real openssl, keytool and
 * pk12util. Under Wine those are Linux programs, which a Windows process cannot start and wait
 * for. This program, copied under each tool's name into the test prefix, sends its name, its
 * current folder and its arguments (Windows paths turned into Unix paths with Wine's
 * wine_get_unix_file_name) and its standard input to toolshim-server.py on 127.0.0.1 (port in
 * GIDCERT_TOOLSHIM_PORT), which runs the real tool, and hands back its output and exit code.
 *
 * Message: u32 count, then count times (u32 length, bytes); all little-endian. Request fields:
 * tool, folder, arguments..., standard input. Answer fields: exit code (decimal), stdout, stderr.
 */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef char *(CDECL *unix_name_fn)(const WCHAR *);

static unix_name_fn unix_name;

static void die(const char *what)
{
    fprintf(stderr, "toolshim: %s (error %lu)\n", what, (unsigned long)GetLastError());
    exit(125);
}

struct buf {
    char *p;
    size_t len, cap;
};

static void put(struct buf *b, const void *data, size_t len)
{
    if (b->len + len > b->cap) {
        b->cap = (b->len + len) * 2 + 64;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            die("out of memory");
    }
    memcpy(b->p + b->len, data, len);
    b->len += len;
}

static void put_u32(struct buf *b, unsigned v)
{
    unsigned char le[4] = {v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >> 24) & 255};
    put(b, le, 4);
}

static void put_field(struct buf *b, const char *data, size_t len)
{
    put_u32(b, (unsigned)len);
    put(b, data, len);
}

static char *utf8(const WCHAR *w)
{
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
    char *s = malloc(n);
    if (!s || !WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL))
        die("UTF-8 conversion");
    return s;
}

/* An argument with a Windows path in it (at the start or after ':', '=' or ','): the path part
 * as a Unix path ("file:C:\x\pin" -> "file:/.../x/pin"). Anything else unchanged. */
static char *convert_arg(const WCHAR *arg)
{
    size_t n = wcslen(arg);
    for (size_t i = 0; i + 2 < n; i++) {
        if (((arg[i] >= L'A' && arg[i] <= L'Z') || (arg[i] >= L'a' && arg[i] <= L'z')) &&
            arg[i + 1] == L':' && arg[i + 2] == L'\\' &&
            (i == 0 || arg[i - 1] == L':' || arg[i - 1] == L'=' || arg[i - 1] == L',')) {
            char *path = unix_name(arg + i);
            if (!path)
                break;
            WCHAR *prefix = malloc((i + 1) * sizeof(WCHAR));
            memcpy(prefix, arg, i * sizeof(WCHAR));
            prefix[i] = 0;
            char *p8 = utf8(prefix);
            char *out = malloc(strlen(p8) + strlen(path) + 1);
            strcpy(out, p8);
            strcat(out, path);
            return out;
        }
    }
    return utf8(arg);
}

static void recv_all(SOCKET s, void *data, size_t len)
{
    char *p = data;
    while (len > 0) {
        int got = recv(s, p, len > 65536 ? 65536 : (int)len, 0);
        if (got <= 0)
            die("connection to toolshim-server closed");
        p += got;
        len -= (size_t)got;
    }
}

static unsigned recv_u32(SOCKET s)
{
    unsigned char le[4];
    recv_all(s, le, 4);
    return le[0] | (le[1] << 8) | (le[2] << 16) | ((unsigned)le[3] << 24);
}

static char *recv_field(SOCKET s, unsigned *len)
{
    *len = recv_u32(s);
    char *p = malloc(*len + 1);
    if (!p)
        die("out of memory");
    recv_all(s, p, *len);
    p[*len] = 0;
    return p;
}

static void write_all(DWORD which, const char *data, unsigned len)
{
    HANDLE h = GetStdHandle(which);
    while (len > 0) {
        DWORD done = 0;
        if (!WriteFile(h, data, len, &done, NULL) || done == 0)
            return;
        data += done;
        len -= done;
    }
}

int wmain(int argc, WCHAR **argv)
{
    unix_name = (unix_name_fn)(void *)GetProcAddress(GetModuleHandleW(L"kernel32.dll"),
                                                     "wine_get_unix_file_name");
    if (!unix_name)
        die("not running under Wine");
    const char *port = getenv("GIDCERT_TOOLSHIM_PORT");
    if (!port)
        die("GIDCERT_TOOLSHIM_PORT is not set");

    /* The tool: this program's own name without folder and ".exe". */
    WCHAR self[MAX_PATH];
    GetModuleFileNameW(NULL, self, MAX_PATH);
    WCHAR *base = wcsrchr(self, L'\\');
    base = base ? base + 1 : self;
    WCHAR *dot = wcsrchr(base, L'.');
    if (dot)
        *dot = 0;

    WCHAR cwd[MAX_PATH];
    if (!GetCurrentDirectoryW(MAX_PATH, cwd))
        die("GetCurrentDirectory");
    char *ucwd = unix_name(cwd);
    if (!ucwd)
        die("no Unix path for the current folder");

    struct buf req = {0};
    put_u32(&req, (unsigned)argc + 2); /* tool, folder, arguments, stdin */
    char *tool = utf8(base);
    put_field(&req, tool, strlen(tool));
    put_field(&req, ucwd, strlen(ucwd));
    for (int i = 1; i < argc; i++) {
        char *a = convert_arg(argv[i]);
        put_field(&req, a, strlen(a));
    }
    struct buf in = {0};
    HANDLE hin = GetStdHandle(STD_INPUT_HANDLE);
    if (hin && hin != INVALID_HANDLE_VALUE && GetFileType(hin) != FILE_TYPE_CHAR) {
        char chunk[65536];
        DWORD got;
        while (ReadFile(hin, chunk, sizeof chunk, &got, NULL) && got > 0)
            put(&in, chunk, got);
    }
    put_field(&req, in.p ? in.p : "", in.len);

    WSADATA wsa;
    if (WSAStartup(MAKEWORD(2, 2), &wsa))
        die("WSAStartup");
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = htons((u_short)atoi(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s == INVALID_SOCKET || connect(s, (struct sockaddr *)&addr, sizeof addr))
        die("cannot reach toolshim-server");
    for (size_t sent = 0; sent < req.len;) {
        int n = send(s, req.p + sent, (int)(req.len - sent), 0);
        if (n <= 0)
            die("send");
        sent += (size_t)n;
    }

    if (recv_u32(s) != 3)
        die("bad answer");
    unsigned len;
    char *code = recv_field(s, &len);
    char *out = recv_field(s, &len);
    write_all(STD_OUTPUT_HANDLE, out, len);
    char *err = recv_field(s, &len);
    write_all(STD_ERROR_HANDLE, err, len);
    closesocket(s);
    return atoi(code);
}
