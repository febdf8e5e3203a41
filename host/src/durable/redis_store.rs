//! [`RedisStore`]: continuations in Redis, so the replicas of a service share
//! suspended executions (feature `redis`).
//!
//! Keys, under a prefix (default `jsbox:`): `cont:ID` (the sealed bytes),
//! `consumed:ID` (the last generation resumed), the sorted set `wake` (ids by
//! due time, Unix ms) and the hash `tenant` (the tenant of each id in
//! `wake`), and `answer:ID` (see `keep_answer`). Consuming is one Lua
//! script, so it is atomic across replicas.

use std::time::SystemTime;

use redis::AsyncCommands;
use redis::aio::ConnectionManager;

use crate::durable::store::{ContinuationStore, Entry, StoreFuture, check_id, unix_ms};
use crate::error::Error;

/// Continuations in a Redis server (reconnecting when the connection drops).
///
/// ```no_run
/// # async fn demo() -> Result<(), jsbox::Error> {
/// let store = jsbox::RedisStore::connect("redis://127.0.0.1:6379/").await?;
/// let durable = jsbox::Durable::new(jsbox::ContinuationKey::generate(), store);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct RedisStore {
    connection: ConnectionManager,
    prefix: String,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore").field("prefix", &self.prefix).finish_non_exhaustive()
    }
}

/// Consumes generation ARGV[1] of the execution whose keys are KEYS: 1 the
/// first time, 0 if it (or a later one) was already.
const CONSUME: &str = r"
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) <= last then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('HDEL', KEYS[3], ARGV[2])
return 1
";

fn redis_error(e: redis::RedisError) -> Error {
    Error::internal(format!("continuation store (Redis): {e}"))
}

impl RedisStore {
    /// Connects to `url` (`redis://host:port/db`, `rediss://…`, `redis+unix:///path`).
    pub async fn connect(url: &str) -> Result<Self, Error> {
        let client = redis::Client::open(url)
            .map_err(|e| Error::InvalidPolicy { message: format!("the Redis URL is not usable: {e}") })?;
        let connection = client.get_connection_manager().await.map_err(redis_error)?;
        Ok(RedisStore { connection, prefix: "jsbox:".into() })
    }

    /// Puts every key under `prefix` instead of `jsbox:`.
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    fn key(&self, what: &str, id: &str) -> String {
        format!("{}{what}:{id}", self.prefix)
    }

    fn wake(&self) -> String {
        format!("{}wake", self.prefix)
    }

    fn tenants(&self) -> String {
        format!("{}tenant", self.prefix)
    }
}

impl ContinuationStore for RedisStore {
    fn save<'a>(&'a self, id: &'a str, entry: Entry) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            check_id(id)?;
            let mut connection = self.connection.clone();
            let mut pipe = redis::pipe();
            pipe.atomic().set(self.key("cont", id), entry.sealed);
            match entry.wake_at {
                Some(at) => {
                    pipe.zadd(self.wake(), id, unix_ms(at)).hset(self.tenants(), id, entry.tenant);
                }
                None => {
                    pipe.zrem(self.wake(), id).hdel(self.tenants(), id);
                }
            }
            pipe.query_async::<()>(&mut connection).await.map_err(redis_error)
        })
    }

    fn due<'a>(&'a self, now: SystemTime, limit: usize) -> StoreFuture<'a, Vec<(String, String)>> {
        Box::pin(async move {
            let mut connection = self.connection.clone();
            let ids: Vec<String> = connection
                .zrangebyscore_limit(self.wake(), "-inf", unix_ms(now), 0, limit as isize)
                .await
                .map_err(redis_error)?;
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let tenants: Vec<Option<String>> = redis::cmd("HMGET")
                .arg(self.tenants())
                .arg(&ids)
                .query_async(&mut connection)
                .await
                .map_err(redis_error)?;
            Ok(ids.into_iter().zip(tenants).map(|(id, tenant)| (id, tenant.unwrap_or_default())).collect())
        })
    }

    fn load<'a>(&'a self, id: &'a str) -> StoreFuture<'a, Option<Vec<u8>>> {
        Box::pin(async move {
            check_id(id)?;
            let mut connection = self.connection.clone();
            connection.get(self.key("cont", id)).await.map_err(redis_error)
        })
    }

    fn consume<'a>(&'a self, id: &'a str, generation: u32) -> StoreFuture<'a, bool> {
        Box::pin(async move {
            check_id(id)?;
            let mut connection = self.connection.clone();
            let consumed: i64 = redis::Script::new(CONSUME)
                .key(self.key("consumed", id))
                .key(self.wake())
                .key(self.tenants())
                .arg(generation)
                .arg(id)
                .invoke_async(&mut connection)
                .await
                .map_err(redis_error)?;
            Ok(consumed == 1)
        })
    }

    fn consumed<'a>(&'a self, id: &'a str) -> StoreFuture<'a, Option<u32>> {
        Box::pin(async move {
            check_id(id)?;
            let mut connection = self.connection.clone();
            connection.get(self.key("consumed", id)).await.map_err(redis_error)
        })
    }

    fn remove<'a>(&'a self, id: &'a str) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            check_id(id)?;
            let mut connection = self.connection.clone();
            let mut pipe = redis::pipe();
            pipe.atomic().del(self.key("cont", id)).zrem(self.wake(), id).hdel(self.tenants(), id);
            pipe.query_async::<()>(&mut connection).await.map_err(redis_error)
        })
    }

    fn keep_answer<'a>(&'a self, id: &'a str, answer: String) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            check_id(id)?;
            let mut connection = self.connection.clone();
            connection.set(self.key("answer", id), answer).await.map_err(redis_error)
        })
    }

    fn answer<'a>(&'a self, id: &'a str) -> StoreFuture<'a, Option<String>> {
        Box::pin(async move {
            check_id(id)?;
            let mut connection = self.connection.clone();
            connection.get(self.key("answer", id)).await.map_err(redis_error)
        })
    }
}
