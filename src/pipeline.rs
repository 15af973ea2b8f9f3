//! Inputs → [`Extraction`]: ingest then extract, articles in parallel.
