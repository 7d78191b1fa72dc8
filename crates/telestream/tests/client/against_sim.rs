//! The client against the real `telestream-sim` on 127.0.0.1, in both authentication modes: each crate was
//! written from `telestream-cloud.md` alone, so these tests find where the two read it differently.

mod calls;
mod sessions;
mod setup;
