//! The client for code without an async runtime (cargo feature `blocking`).
//!
//! [`Client`] wraps the async [`crate::Client`] and a single-threaded tokio runtime of its
//! own; each call blocks the calling thread until the answer is in. Inside an async
//! runtime (where blocking would panic) the call runs on a helper thread.

use std::future::Future;
use std::sync::Arc;

use soap_runtime::Operation;
use soap_runtime::envelope::{HeaderBlock, OperationHeaders, ReceivedHeaders};

use crate::client::BuildError;
use crate::error::Error;

/// A blocking [`crate::Client`]: same configuration, same calls, same errors.
#[derive(Clone, Debug)]
pub struct Client {
    client: crate::Client,
    runtime: Arc<OwnedRuntime>,
}

/// The client's runtime, shut down without blocking when the last clone goes (dropping a
/// runtime the ordinary way inside another runtime would panic).
#[derive(Debug)]
struct OwnedRuntime(Option<tokio::runtime::Runtime>);

impl Drop for OwnedRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

impl Client {
    /// A blocking client for `url` with every default.
    pub fn new(url: impl Into<String>) -> Result<Client, BuildError> {
        Client::from_async(crate::Client::new(url)?)
    }

    /// Wraps a configured async client (build it with [`crate::Client::builder`]).
    pub fn from_async(client: crate::Client) -> Result<Client, BuildError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(BuildError::Runtime)?;
        Ok(Client {
            client,
            runtime: Arc::new(OwnedRuntime(Some(runtime))),
        })
    }

    /// The async client inside.
    pub fn as_async(&self) -> &crate::Client {
        &self.client
    }

    /// Blocking [`crate::Client::call`].
    pub fn call<O>(&self, input: O::Input) -> Result<O::Output, Error>
    where
        O: Operation,
        O::Input: Send,
        O::Output: Send,
    {
        self.block_on(self.client.call::<O>(input))
    }

    /// Blocking [`crate::Client::call_with_headers`].
    pub fn call_with_headers<O>(
        &self,
        input: O::Input,
        headers: &[&dyn HeaderBlock],
    ) -> Result<(O::Output, ReceivedHeaders), Error>
    where
        O: Operation,
        O::Input: Send,
        O::Output: Send,
    {
        self.block_on(self.client.call_with_headers::<O>(input, headers))
    }

    /// Blocking [`crate::Client::call_declared`].
    pub fn call_declared<O>(
        &self,
        input: O::Input,
        headers: O::RequestHeaders,
    ) -> Result<(O::Output, O::ResponseHeaders), Error>
    where
        O: OperationHeaders,
        O::Input: Send,
        O::Output: Send,
        O::RequestHeaders: Send,
        O::ResponseHeaders: Send,
    {
        self.block_on(self.client.call_declared::<O>(input, headers))
    }

    fn block_on<F>(&self, future: F) -> F::Output
    where
        F: Future + Send,
        F::Output: Send,
    {
        let Some(runtime) = self.runtime.0.as_ref() else {
            // Only `drop` takes the runtime out, and nothing runs after it.
            unreachable!("runtime used after drop")
        };
        if tokio::runtime::Handle::try_current().is_err() {
            return runtime.block_on(future);
        }
        std::thread::scope(
            |scope| match scope.spawn(|| runtime.block_on(future)).join() {
                Ok(output) => output,
                Err(panic) => std::panic::resume_unwind(panic),
            },
        )
    }
}

impl crate::ClientBuilder {
    /// Builds a [`blocking::Client`](Client) (cargo feature `blocking`).
    pub fn build_blocking(self) -> Result<Client, BuildError> {
        Client::from_async(self.build()?)
    }
}
