//! Reading articles off the UI thread: a named thread runs the pipeline and sends the result
//! back over a channel, waking the UI when it is done.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::model::{Diagnostic, Extraction};
use crate::pipeline::{self, Options};

/// Whether a finished job replaces the corpus or adds to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadMode {
    Replace,
    Add,
}

pub struct LoadJob {
    pub mode: LoadMode,
    pub description: String,
    receiver: Receiver<Extraction>,
}

impl LoadJob {
    /// Start reading `paths`. `wake` is called when the result is ready (the UI's repaint).
    pub fn spawn(paths: Vec<PathBuf>, mode: LoadMode, wake: impl Fn() + Send + 'static) -> LoadJob {
        let description = match paths.as_slice() {
            [one] => format!("Reading {}…", one.display()),
            many => format!("Reading {} paths…", many.len()),
        };
        let (sender, receiver) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("chronomap-load".to_owned())
            .spawn({
                let paths = paths.clone();
                move || {
                    // Woken even if the pipeline panics, so the UI notices the dead loader.
                    let _wake = WakeOnDrop(wake);
                    let extraction = pipeline::extract_paths(&paths, &Options::default());
                    // The app may have closed meanwhile; nothing to tell then.
                    let _ = sender.send(extraction);
                }
            });
        if let Err(e) = spawned {
            // No thread to be had: read on this one rather than not at all.
            eprintln!("chronomap: cannot start a loader thread ({e}); reading in the foreground");
            let (sender, receiver) = mpsc::channel();
            let _ = sender.send(pipeline::extract_paths(&paths, &Options::default()));
            return LoadJob {
                mode,
                description,
                receiver,
            };
        }
        LoadJob {
            mode,
            description,
            receiver,
        }
    }

    /// The result, once there is one. A loader that died is reported as a diagnostic rather
    /// than leaving the app waiting forever.
    pub fn poll(&self) -> Option<Extraction> {
        match self.receiver.try_recv() {
            Ok(extraction) => Some(extraction),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Extraction {
                diagnostics: vec![Diagnostic::error(
                    "",
                    "reading the articles failed unexpectedly; nothing was loaded",
                )],
                ..Extraction::default()
            }),
        }
    }
}

struct WakeOnDrop<F: Fn()>(F);

impl<F: Fn()> Drop for WakeOnDrop<F> {
    fn drop(&mut self) {
        (self.0)();
    }
}
