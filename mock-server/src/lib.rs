//! Mock G-ID download server.
