//! `engine.combined(query)`: the rows of a combined query (a team that must all be
//! free, a pool, k of n), `{start, end, schedules, remaining}` as the core answers.

use napi::bindgen_prelude::{AsyncTask, Unknown};
use napi::Env;
use napi_derive::napi;
use slotwise::{CombinedRow, Query};

use super::JsEngine;
use crate::convert::arg;
use crate::json::{Json, JsonText};
use crate::tasks::Job;

#[napi]
impl JsEngine {
    /// The times every listed schedule (`all`), at least `k` (`k_of_n`) or any one
    /// (`any`) can take, with who can take each; errors name `combine.*` fields.
    #[napi]
    pub fn combined(&self, env: Env, query: Unknown<'_>) -> napi::Result<Json<Vec<CombinedRow>>> {
        self.read(&env, |e| e.combined(&arg::<Query>(&query, "")?))
            .map(Json)
    }

    /// `combined` on a worker thread, from the engine as it is now.
    #[napi]
    pub fn combined_async(
        &self,
        env: Env,
        query: Unknown<'_>,
    ) -> napi::Result<AsyncTask<Job<JsonText>>> {
        let engine = self.current(&env)?;
        Ok(AsyncTask::new(Job::new(
            &engine,
            || arg::<Query>(&query, ""),
            |e, query| JsonText::of(&e.combined(&query)?),
        )))
    }
}
