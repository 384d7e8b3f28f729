//! How fast `gidcert scan` walks a home folder: a generated tree of 100,000 small files (in a
//! temporary folder) with a handful of PKCS#12 files among them. Reports files per second.
//!
//! Run: `cargo bench --bench scan`. Set `GIDCERT_BENCH_FILES` for another tree size.

use std::path::Path;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gidcert::scan::{WalkOptions, walk};

/// The first bytes of a PFX, padded: enough for the content check to accept it.
const PFX_HEAD: &[u8] = &[
    0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x03, 0x30, 0x82, 0x00, 0xF0, 0x06, 0x09, 0x2A, 0x86, 0x48,
    0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01, 0xA0, 0x82,
];

fn tree_size() -> usize {
    std::env::var("GIDCERT_BENCH_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

/// 100 files per folder, folders three deep, sizes from empty to a few KB (as in a real home:
/// mostly small documents, sources, configuration), one PKCS#12 file in every 10,000.
fn generate(root: &Path, files: usize) {
    let mut rng = fastrand::Rng::with_seed(7);
    for i in 0..files {
        let dir = root.join(format!(
            "d{}/e{}/f{}",
            i / 10_000,
            (i / 1_000) % 10,
            (i / 100) % 10
        ));
        if i % 100 == 0 {
            std::fs::create_dir_all(&dir).unwrap();
        }
        let name = dir.join(format!(
            "file{i}.{}",
            ["txt", "pdf", "docx", "rs", "jpg"][i % 5]
        ));
        let content: Vec<u8> = if i % 10_000 == 5_000 {
            let mut v = PFX_HEAD.to_vec();
            v.resize(0x104, 0);
            v
        } else {
            let len = rng.usize(0..4096);
            (0..len).map(|_| rng.u8(..)).collect()
        };
        std::fs::write(name, content).unwrap();
    }
}

fn bench(c: &mut Criterion) {
    let files = tree_size();
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    generate(dir.path(), files);
    eprintln!("generated {files} files in {:.1?}", started.elapsed());
    let roots = [dir.path().to_owned()];
    let opts = WalkOptions::default();

    // One plain timed walk first, to state files/s whatever criterion decides to sample.
    let started = Instant::now();
    let out = walk(&roots, &opts, &mut |_| {});
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(out.files_examined as usize, files);
    assert_eq!(out.found.len(), files / 10_000);
    eprintln!(
        "scan: {files} files in {secs:.2} s = {:.0} files/s ({} PKCS#12 found)",
        files as f64 / secs,
        out.found.len()
    );

    let mut g = c.benchmark_group("scan");
    g.sample_size(10);
    g.throughput(Throughput::Elements(files as u64));
    g.bench_function(format!("walk {files} files"), |b| {
        b.iter(|| walk(&roots, &opts, &mut |_| {}))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
