//! The client for code without an async runtime (cargo feature `blocking`).
//!
//! [`GasClient`] wraps the async [`crate::GasClient`] and a small single-threaded tokio
//! runtime of its own; each call blocks the calling thread until the answer is in. It may
//! be used from several threads at once, and even from inside an async runtime (the call
//! then runs on a helper thread instead of panicking), though async code should use the
//! async client.

use std::future::Future;
use std::sync::Arc;

use crate::client::BuildError;
use crate::endpoint::{Credentials, Endpoint};
use crate::error::Error;
use crate::operation::{GasOperation, OrderOperation};
use crate::response::Response;

/// A blocking [`crate::GasClient`]: same configuration, same calls, same errors.
#[derive(Clone, Debug)]
pub struct GasClient {
    client: crate::GasClient,
    runtime: Arc<OwnedRuntime>,
}

/// The client's runtime, shut down without blocking when the last clone goes: dropping a
/// runtime the ordinary way inside another runtime would panic.
#[derive(Debug)]
struct OwnedRuntime(Option<tokio::runtime::Runtime>);

impl OwnedRuntime {
    fn get(&self) -> &tokio::runtime::Runtime {
        match &self.0 {
            Some(runtime) => runtime,
            // Only `drop` takes the runtime out, and nothing runs after it.
            None => unreachable!("runtime used after drop"),
        }
    }
}

impl Drop for OwnedRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

impl GasClient {
    /// A blocking client with every default (see [`crate::GasClientBuilder`]).
    pub fn new(endpoint: Endpoint, credentials: Credentials) -> Result<GasClient, BuildError> {
        GasClient::from_async(crate::GasClient::new(endpoint, credentials)?)
    }

    /// Wraps a configured async client (build it with [`crate::GasClient::builder`]).
    pub fn from_async(client: crate::GasClient) -> Result<GasClient, BuildError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(BuildError::Runtime)?;
        Ok(GasClient {
            client,
            runtime: Arc::new(OwnedRuntime(Some(runtime))),
        })
    }

    /// The async client inside.
    pub fn as_async(&self) -> &crate::GasClient {
        &self.client
    }

    /// Blocking [`crate::GasClient::call`].
    pub fn call<O>(&self, input: O::Input) -> Result<Response<O::Output>, Error>
    where
        O: GasOperation,
        O::Input: Send,
        O::Output: Send,
    {
        self.block_on(self.client.call::<O>(input))
    }

    /// Blocking [`crate::GasClient::call_order`].
    pub fn call_order<O>(&self, input: O::Input) -> Result<Response<O::Output>, Error>
    where
        O: OrderOperation,
        O::Input: Send,
        O::Output: Send,
        <O::Lookup as soap_runtime::Operation>::Input: Send,
        <O::Lookup as soap_runtime::Operation>::Output: Send,
    {
        self.block_on(self.client.call_order::<O>(input))
    }

    /// Runs `future` to completion on the client's runtime. Inside another runtime (where
    /// blocking the thread would panic), it runs on a scoped helper thread.
    pub(crate) fn block_on<F>(&self, future: F) -> F::Output
    where
        F: Future + Send,
        F::Output: Send,
    {
        if tokio::runtime::Handle::try_current().is_err() {
            return self.runtime.get().block_on(future);
        }
        std::thread::scope(|scope| {
            match scope.spawn(|| self.runtime.get().block_on(future)).join() {
                Ok(output) => output,
                // The helper thread panicked: pass the panic on unchanged.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    }
}

impl crate::GasClientBuilder {
    /// Builds a [`GasClient`](crate::blocking::GasClient) (cargo feature `blocking`).
    pub fn build_blocking(self) -> Result<GasClient, BuildError> {
        GasClient::from_async(self.build()?)
    }
}
