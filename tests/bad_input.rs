//! A folder as messy as real ones, built here (no binaries in the repo), run through
//! `chronomap extract` as a user would: every good article is extracted, every bad file is
//! named with its reason, nothing panics or hangs, and script text never becomes an event.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn write(path: &Path, bytes: &[u8]) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("mkdir");
    }
    std::fs::write(path, bytes).expect("write");
}

/// Deterministic noise that is not text (xorshift).
fn noise(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

fn messy_folder(root: &Path) {
    write(&root.join("empty.txt"), b"");
    write(&root.join("random.txt"), &noise(4096));
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(noise(512));
    write(&root.join("picture.png"), &png);
    write(
        &root.join("latin1.txt"),
        b"Le ministre fran\xe7ais a rencontr\xe9 ses homologues \xe0 Paris lundi, a d\xe9clar\xe9 le Quai d'Orsay. Foreign ministers met in Paris on Monday.",
    );
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "The envoy arrived in Riyadh on Sunday for talks with Saudi officials."
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    write(&root.join("utf16.txt"), &utf16);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice("Officials met in Manama on Saturday, the ministry said.".as_bytes());
    write(&root.join("utf8-bom.txt"), &bom);
    // 2 MB on one line: slow paths in sentence splitting would show here.
    let sentence = "Delegates met in Antalya on Thursday and talked about the ceasefire ";
    let long: String = sentence.repeat(2_000_000 / sentence.len() + 1);
    write(&root.join("one-line.txt"), long.as_bytes());
    // Over the cap set on the command line below (3 MB).
    write(
        &root.join("huge.txt"),
        "Officials met in Doha. ".repeat(150_000).as_bytes(),
    );
    let mut deep = root.to_path_buf();
    for level in 0..12 {
        deep = deep.join(format!("level{level}"));
    }
    write(
        &deep.join("deep.md"),
        b"# Deep\n\nThe delegation visited Damascus on Tuesday, officials said.",
    );
    write(
        &root.join("page.html"),
        br#"<!doctype html><html><head><title>Wire page</title>
        <meta property="article:published_time" content="2025-11-12T08:00:00Z">
        <script>var headline = "Zorblax invaded Quuxville on Monday"; alert(1);</script>
        <style>p { color: red }</style></head>
        <body><nav>Home | World</nav><script>document.write("Zorblax met Quux in Paris")</script>
        <article><p>The Syrian foreign minister met his Turkish counterpart in Ankara on Monday.</p></article>
        </body></html>"#,
    );
    write(
        &root.join("sources.csv"),
        b"file,published,outlet\nlatin1.txt,not a date,Le Wire\nutf16.txt\nutf8-bom.txt,2025-11-03,Gulf Wire\n",
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root, root.join("loop")).expect("symlink");
        let locked = root.join("locked.txt");
        write(&locked, b"Officials met in Cairo on Monday.");
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    }
}

fn running_as_root() -> bool {
    #[cfg(unix)]
    {
        // Root reads a chmod 000 file anyway.
        Command::new("id")
            .arg("-u")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
            .unwrap_or(false)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

#[test]
fn every_good_article_is_read_and_every_bad_file_is_named_with_its_reason() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("inbox");
    messy_folder(&root);

    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_chronomap"))
        .args(["extract", "--max-file-bytes", "3000000", "-o"])
        .arg(dir.path().join("out.json"))
        .arg(&root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run chronomap");
    // No hang: a generous bound for a debug build on a busy machine.
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chronomap extract hung on the messy folder");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stderr = {
        use std::io::Read;
        let mut s = String::new();
        child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut s)
            .expect("stderr text");
        s
    };
    assert!(status.success(), "exit {status:?}\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let json = std::fs::read_to_string(dir.path().join("out.json")).expect("output");
    let doc: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");

    // Good articles, whatever their encoding or depth.
    let paths: Vec<&str> = doc["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["path"].as_str())
        .collect();
    for good in [
        "latin1.txt",
        "utf16.txt",
        "utf8-bom.txt",
        "one-line.txt",
        "deep.md",
        "page.html",
    ] {
        assert!(
            paths.iter().any(|p| p.ends_with(good)),
            "{good} not read: {paths:?}\n{stderr}"
        );
    }
    let article = |name: &str| {
        doc["articles"]
            .as_array()
            .and_then(|a| {
                a.iter()
                    .find(|a| a["path"].as_str().is_some_and(|p| p.ends_with(name)))
            })
            .unwrap_or_else(|| panic!("{name}"))
    };
    assert_eq!(article("page.html")["published"], "2025-11-12");
    assert_eq!(article("utf8-bom.txt")["published"], "2025-11-03");
    assert_eq!(article("utf8-bom.txt")["outlet"], "Gulf Wire");
    let deep = paths.iter().find(|p| p.ends_with("deep.md")).expect("deep");
    assert!(deep.contains("level11"), "{deep}");

    // Bad files named first, with a reason, on stderr.
    let line_for = |name: &str| {
        stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not reported:\n{stderr}"))
            .to_owned()
    };
    assert!(line_for("empty.txt").contains("empty"));
    assert!(line_for("random.txt").contains("binary") || line_for("random.txt").contains("text"));
    assert!(line_for("picture.png").contains("not an article"));
    assert!(line_for("huge.txt").contains("MB") || line_for("huge.txt").contains("bytes"));
    let csv = stderr
        .lines()
        .filter(|l| l.contains("sources.csv"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(csv.contains("line 2"), "bad date named by line:\n{stderr}");
    assert!(csv.contains("line 3"), "short row named by line:\n{stderr}");
    #[cfg(unix)]
    {
        assert!(line_for("loop").contains("already read"));
        if !running_as_root() {
            assert!(line_for("locked.txt").contains("cannot read"));
        }
    }
    // No BOM in the text, and UTF-16 decoded.
    let events = doc["events"].as_array().expect("events");
    assert!(events.iter().all(|e| {
        let s = e["sentence"].as_str().unwrap_or("");
        !s.starts_with('\u{feff}') && !s.contains('\0')
    }));
    assert!(
        events
            .iter()
            .any(|e| e["sentence"].as_str().is_some_and(|s| s.contains("Riyadh")))
    );
    // Script and navigation text never reach the events.
    assert!(
        !json.contains("Zorblax"),
        "script text leaked into the export"
    );
    assert!(!json.contains("Home | World"));
}
