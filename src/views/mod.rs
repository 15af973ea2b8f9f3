//! Views of the explorer window.
