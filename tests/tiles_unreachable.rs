//! The tile server down, hanging or sending garbage: asking the map's tile source for tiles
//! never blocks (the window draws the offline basemap where tiles are missing), nothing
//! panics, and downloads are bounded in number and in time.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use walkers::{TileId, Tiles};

/// A server that accepts connections and then says nothing, counting the connections it got
/// and those the client closed.
fn hanging_server() -> (String, Arc<AtomicUsize>, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let accepted = Arc::new(AtomicUsize::new(0));
    let closed = Arc::new(AtomicUsize::new(0));
    let (count, gone) = (accepted.clone(), closed.clone());
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            count.fetch_add(1, Ordering::SeqCst);
            let gone = gone.clone();
            std::thread::spawn(move || {
                // Read the request and never answer; a read of 0 bytes is the client leaving.
                let mut buf = [0u8; 4096];
                while matches!(stream.read(&mut buf), Ok(n) if n > 0) {}
                gone.fetch_add(1, Ordering::SeqCst);
            });
        }
    });
    (
        format!("http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png"),
        accepted,
        closed,
    )
}

/// A server that answers every request with 200 and bytes that are not an image.
fn garbage_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                let body = b"\x89PNG this is not a tile at all";
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(body);
            });
        }
    });
    format!("http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png")
}

fn tiles(zoom: u8) -> impl Iterator<Item = TileId> {
    (0..8u32).flat_map(move |x| (0..8u32).map(move |y| TileId { x, y, zoom }))
}

/// Ask for 64 tiles again and again for `for_how_long`, as frames would (checking for stalled
/// downloads once per frame, as the map does); the longest frame.
fn poll(
    source: &mut chronomap::views::map::BoundedTiles,
    for_how_long: Duration,
) -> (Duration, usize) {
    let started = Instant::now();
    let mut longest = Duration::ZERO;
    let mut got = 0;
    while started.elapsed() < for_how_long {
        let t = Instant::now();
        source.watch();
        for tile in tiles(6) {
            if source.at(tile).is_some() {
                got += 1;
            }
        }
        longest = longest.max(t.elapsed());
        std::thread::sleep(Duration::from_millis(16));
    }
    (longest, got)
}

#[test]
fn a_hanging_or_garbage_tile_server_never_blocks_the_map() {
    // The disk cache goes to a temporary folder, not the user's.
    let cache = tempfile::tempdir().expect("tmp");
    // SAFETY: this test binary has this one test; no other thread reads the environment yet.
    unsafe { std::env::set_var("XDG_CACHE_HOME", cache.path()) };
    let ctx = egui::Context::default();

    let (url, accepted, closed) = hanging_server();
    let stall = Duration::from_millis(1500);
    let mut hanging = chronomap::views::map::BoundedTiles::with_stall(&url, &ctx, stall);
    let (longest, got) = poll(&mut hanging, Duration::from_secs(1));
    assert_eq!(got, 0, "no tile from a server that never answers");
    // A generous bound: a frame that waited on the network would take the whole second.
    assert!(
        longest < Duration::from_millis(250),
        "a tile request blocked for {longest:?}"
    );
    let connections = accepted.load(Ordering::SeqCst);
    assert!(connections >= 1, "the tile source never tried the server");
    assert!(
        connections <= 6,
        "downloads are bounded: {connections} connections for 64 tiles"
    );
    assert_eq!(hanging.restarts(), 0, "gave up before the stall bound");

    // Past the stall bound the hung downloads are abandoned (their connections closed) and
    // tried again, still at most six at a time, and abandoning them never holds up a frame.
    let (longest, got) = poll(&mut hanging, Duration::from_secs(3));
    assert_eq!(got, 0);
    assert!(
        longest < Duration::from_millis(250),
        "abandoning downloads blocked a frame for {longest:?}"
    );
    assert!(
        hanging.restarts() >= 1,
        "stalled downloads were never abandoned"
    );
    let deadline = Instant::now() + Duration::from_secs(5);
    while closed.load(Ordering::SeqCst) < connections && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        closed.load(Ordering::SeqCst) >= connections,
        "the hung connections were not closed: {} of {connections}",
        closed.load(Ordering::SeqCst)
    );
    let again = accepted.load(Ordering::SeqCst);
    assert!(
        again > connections,
        "no new attempt after abandoning the hung ones"
    );
    assert!(
        again <= 6 * (hanging.restarts() + 1),
        "downloads are bounded: {again} connections after {} restarts",
        hanging.restarts()
    );

    let url = garbage_server();
    let mut garbage = chronomap::views::map::BoundedTiles::new(&url, &ctx);
    let (longest, got) = poll(&mut garbage, Duration::from_secs(2));
    assert_eq!(got, 0, "garbage is not shown as a tile");
    assert!(
        longest < Duration::from_millis(250),
        "a tile request blocked for {longest:?}"
    );
}
