//! The sample corpus compiled into the binary, so the app works from any directory.

pub const SOURCES_CSV: &str = include_str!("../../seeds/sources.csv");

/// (file name, bytes), in file-name order.
pub const FILES: &[(&str, &[u8])] = &[
    (
        "000_81e416ba7caf8e8f.txt",
        include_bytes!("../../seeds/000_81e416ba7caf8e8f.txt"),
    ),
    (
        "001_625b51c99aa6941d.txt",
        include_bytes!("../../seeds/001_625b51c99aa6941d.txt"),
    ),
    (
        "002_7429c8055cd17b91.txt",
        include_bytes!("../../seeds/002_7429c8055cd17b91.txt"),
    ),
    (
        "003_5a7798a11246c590.txt",
        include_bytes!("../../seeds/003_5a7798a11246c590.txt"),
    ),
    (
        "004_414f802637b3d312.txt",
        include_bytes!("../../seeds/004_414f802637b3d312.txt"),
    ),
];
