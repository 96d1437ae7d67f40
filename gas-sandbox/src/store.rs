//! The order store: a map in memory, optionally written through to an embedded database
//! (redb) so that a restarted sandbox keeps its orders, counters and test CA.
//!
//! Every change goes through [`Store::commit`], which writes the changed orders and the
//! counters in one transaction and only then updates memory, so memory and disk never
//! disagree. A failed write is the API's −201 "Failed database operation".
//!
//! Retention ([`Store::set_max_orders`]): a sandbox left running keeps at most that many
//! orders; the oldest (lowest OrderID) are forgotten, in memory and on disk, in the same
//! transaction that adds the new ones. Counters never go back, so an OrderID is never
//! reused.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};

use crate::api_error::{ApiError, ErrorCode};
use crate::ca::CaMaterial;
use crate::model::{Order, OrderId};

/// Orders by ID, as JSON documents.
const ORDERS: TableDefinition<&str, &str> = TableDefinition::new("orders");
/// Counters and the schema version.
const META: TableDefinition<&str, u64> = TableDefinition::new("meta");
/// The test CA's material, as one JSON document under [`CA_KEY`].
const CA: TableDefinition<&str, &str> = TableDefinition::new("ca");
const CA_KEY: &str = "material";

const SCHEMA_KEY: &str = "schema";
const SCHEMA_VERSION: u64 = 1;
const NEXT_ORDER_KEY: &str = "next_order";
const NEXT_SERIAL_KEY: &str = "next_serial";

/// redb's page cache. The store reads the file once, at open, and afterwards only writes,
/// so a cache beyond the pages a commit touches is memory spent for nothing (redb's
/// default is 1 GiB, which a long run fills with copies of orders already in memory).
const DB_CACHE_BYTES: usize = 4 * 1024 * 1024;

/// Why the store could not read or write its file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {message}")]
    Database { path: PathBuf, message: String },
    #[error("{path}: order {id} is unreadable: {message}")]
    Corrupt {
        path: PathBuf,
        id: String,
        message: String,
    },
    #[error(
        "{path}: state written by a newer sandbox (schema {found}, this one reads {SCHEMA_VERSION})"
    )]
    Schema { path: PathBuf, found: u64 },
}

impl StoreError {
    /// The API's view of a storage failure: −201.
    pub fn to_api_error(&self) -> ApiError {
        ApiError::new(ErrorCode::DATABASE)
    }
}

struct Disk {
    db: Database,
    path: PathBuf,
}

impl Disk {
    fn error(&self, e: impl std::fmt::Display) -> StoreError {
        StoreError::Database {
            path: self.path.clone(),
            message: e.to_string(),
        }
    }
}

/// Orders and counters; see the module docs.
pub struct Store {
    orders: BTreeMap<OrderId, Order>,
    next_order: u64,
    next_serial: u64,
    /// Retention: the most orders kept (`None`: all).
    max_orders: Option<usize>,
    disk: Option<Disk>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("orders", &self.orders.len())
            .field("next_order", &self.next_order)
            .field("file", &self.disk.as_ref().map(|d| &d.path))
            .finish()
    }
}

impl Default for Store {
    fn default() -> Self {
        Self::in_memory()
    }
}

impl Store {
    /// An empty store that forgets everything when dropped.
    pub fn in_memory() -> Self {
        Self {
            orders: BTreeMap::new(),
            next_order: 1,
            next_serial: 1000,
            max_orders: None,
            disk: None,
        }
    }

    /// Opens (or creates) a state file and loads it. Returns the CA material stored there,
    /// if any. The file stays locked while the store lives.
    pub fn open(path: &Path) -> Result<(Self, Option<CaMaterial>), StoreError> {
        let db_error = |e: &dyn std::fmt::Display| StoreError::Database {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        let db = Database::builder()
            .set_cache_size(DB_CACHE_BYTES)
            .create(path)
            .map_err(|e| db_error(&e))?;
        let disk = Disk {
            db,
            path: path.to_path_buf(),
        };
        // Make sure the tables exist and the schema is ours.
        {
            let tx = disk.db.begin_write().map_err(|e| disk.error(e))?;
            {
                tx.open_table(ORDERS).map_err(|e| disk.error(e))?;
                tx.open_table(CA).map_err(|e| disk.error(e))?;
                let mut meta = tx.open_table(META).map_err(|e| disk.error(e))?;
                let found = meta
                    .get(SCHEMA_KEY)
                    .map_err(|e| disk.error(e))?
                    .map(|v| v.value());
                match found {
                    None => {
                        meta.insert(SCHEMA_KEY, SCHEMA_VERSION)
                            .map_err(|e| disk.error(e))?;
                    }
                    Some(v) if v > SCHEMA_VERSION => {
                        return Err(StoreError::Schema {
                            path: path.to_path_buf(),
                            found: v,
                        });
                    }
                    Some(_) => {}
                }
            }
            tx.commit().map_err(|e| disk.error(e))?;
        }

        let mut store = Self::in_memory();
        let ca;
        {
            let tx = disk.db.begin_read().map_err(|e| disk.error(e))?;
            let meta = tx.open_table(META).map_err(|e| disk.error(e))?;
            if let Some(v) = meta.get(NEXT_ORDER_KEY).map_err(|e| disk.error(e))? {
                store.next_order = v.value();
            }
            if let Some(v) = meta.get(NEXT_SERIAL_KEY).map_err(|e| disk.error(e))? {
                store.next_serial = v.value();
            }
            let orders = tx.open_table(ORDERS).map_err(|e| disk.error(e))?;
            for entry in orders.iter().map_err(|e| disk.error(e))? {
                let (key, value) = entry.map_err(|e| disk.error(e))?;
                let order: Order =
                    serde_json::from_str(value.value()).map_err(|e| StoreError::Corrupt {
                        path: path.to_path_buf(),
                        id: key.value().to_owned(),
                        message: e.to_string(),
                    })?;
                store.orders.insert(order.id.clone(), order);
            }
            let ca_table = tx.open_table(CA).map_err(|e| disk.error(e))?;
            ca = match ca_table.get(CA_KEY).map_err(|e| disk.error(e))? {
                Some(v) => Some(serde_json::from_str::<CaMaterial>(v.value()).map_err(|e| {
                    StoreError::Corrupt {
                        path: path.to_path_buf(),
                        id: "(test CA)".to_owned(),
                        message: e.to_string(),
                    }
                })?),
                None => None,
            };
        }
        store.disk = Some(disk);
        Ok((store, ca))
    }

    /// Whether changes survive a restart.
    pub fn is_persistent(&self) -> bool {
        self.disk.is_some()
    }

    /// Keeps the test CA's material (persistent stores only; a no-op in memory).
    pub fn save_ca(&mut self, material: &CaMaterial) -> Result<(), StoreError> {
        let Some(disk) = &self.disk else {
            return Ok(());
        };
        let json = serde_json::to_string(material).map_err(|e| disk.error(e))?;
        let tx = disk.db.begin_write().map_err(|e| disk.error(e))?;
        {
            let mut table = tx.open_table(CA).map_err(|e| disk.error(e))?;
            table
                .insert(CA_KEY, json.as_str())
                .map_err(|e| disk.error(e))?;
        }
        tx.commit().map_err(|e| disk.error(e))
    }

    pub fn get(&self, id: &OrderId) -> Option<&Order> {
        self.orders.get(id)
    }

    /// Every order, by ID.
    pub fn orders(&self) -> impl Iterator<Item = &Order> {
        self.orders.values()
    }

    pub fn len(&self) -> usize {
        self.orders.len()
    }

    pub fn is_empty(&self) -> bool {
        self.orders.is_empty()
    }

    /// The next order ID (kept by the next [`Store::commit`]).
    pub fn allocate_order_id(&mut self) -> OrderId {
        let id = OrderId::from_sequence(self.next_order);
        self.next_order += 1;
        id
    }

    /// The next certificate serial number (kept by the next [`Store::commit`]).
    pub fn allocate_serial(&mut self) -> u64 {
        let serial = self.next_serial;
        self.next_serial += 1;
        serial
    }

    /// Keeps at most `max` orders from now on (`None`: all; at least one is always kept),
    /// forgetting the oldest at once if there are more.
    pub fn set_max_orders(&mut self, max: Option<usize>) -> Result<(), StoreError> {
        self.max_orders = max.map(|m| m.max(1));
        if self.over_retention(&[]).is_empty() {
            return Ok(());
        }
        self.commit(Vec::new())
    }

    /// The most orders kept, if limited.
    pub fn max_orders(&self) -> Option<usize> {
        self.max_orders
    }

    /// The oldest orders to forget so that, with `changed` stored, at most `max_orders`
    /// remain. Orders in `changed` are never among them.
    fn over_retention(&self, changed: &[Order]) -> Vec<OrderId> {
        let Some(max) = self.max_orders else {
            return Vec::new();
        };
        let is_changed = |id: &OrderId| changed.iter().any(|o| &o.id == id);
        let added = changed
            .iter()
            .filter(|o| !self.orders.contains_key(&o.id))
            .count();
        let excess = (self.orders.len() + added).saturating_sub(max);
        // OrderIDs are zero-padded sequence numbers: key order is creation order.
        self.orders
            .keys()
            .filter(|id| !is_changed(id))
            .take(excess)
            .cloned()
            .collect()
    }

    /// Writes `changed` orders (new or updated) and the counters, and forgets the orders
    /// over the retention limit; memory changes only when the write succeeded.
    pub fn commit(&mut self, changed: Vec<Order>) -> Result<(), StoreError> {
        let forgotten = self.over_retention(&changed);
        if let Some(disk) = &self.disk {
            let tx = disk.db.begin_write().map_err(|e| disk.error(e))?;
            {
                let mut orders = tx.open_table(ORDERS).map_err(|e| disk.error(e))?;
                for order in &changed {
                    let json = serde_json::to_string(order).map_err(|e| disk.error(e))?;
                    orders
                        .insert(order.id.as_str(), json.as_str())
                        .map_err(|e| disk.error(e))?;
                }
                for id in &forgotten {
                    orders.remove(id.as_str()).map_err(|e| disk.error(e))?;
                }
                let mut meta = tx.open_table(META).map_err(|e| disk.error(e))?;
                meta.insert(NEXT_ORDER_KEY, self.next_order)
                    .map_err(|e| disk.error(e))?;
                meta.insert(NEXT_SERIAL_KEY, self.next_serial)
                    .map_err(|e| disk.error(e))?;
            }
            tx.commit().map_err(|e| disk.error(e))?;
        }
        for order in changed {
            self.orders.insert(order.id.clone(), order);
        }
        for id in &forgotten {
            self.orders.remove(id);
        }
        if !forgotten.is_empty() {
            tracing::debug!(
                forgotten = forgotten.len(),
                "oldest orders forgotten (retention)"
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::{NewOrder, create_order};
    use crate::model::OrderOperation;
    use time::OffsetDateTime;

    fn order(store: &mut Store, account: &str) -> Order {
        let id = store.allocate_order_id();
        create_order(
            id,
            account,
            NewOrder::minimal(OrderOperation::OrderPs1),
            None,
            OffsetDateTime::from_unix_timestamp(1_700_000_000).expect("valid"),
        )
    }

    #[test]
    fn in_memory_commit_and_get() {
        let mut store = Store::in_memory();
        let o = order(&mut store, "alice");
        let id = o.id.clone();
        store.commit(vec![o.clone()]).expect("commit");
        assert_eq!(store.get(&id), Some(&o));
        assert_eq!(store.len(), 1);
        assert!(!store.is_persistent());
    }

    #[test]
    fn state_file_survives_a_restart() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state.redb");
        let material = CaMaterial {
            root_cert_pem: "root".into(),
            root_key_pem: "rk".into(),
            intermediate_cert_pem: "inter".into(),
            intermediate_key_pem: "ik".into(),
        };
        let (first_id, serial) = {
            let (mut store, ca) = Store::open(&path).expect("create");
            assert!(ca.is_none());
            assert!(store.is_persistent());
            store.save_ca(&material).expect("save ca");
            let o = order(&mut store, "alice");
            let serial = store.allocate_serial();
            let id = o.id.clone();
            store.commit(vec![o]).expect("commit");
            (id, serial)
        };
        let (mut store, ca) = Store::open(&path).expect("reopen");
        assert_eq!(ca, Some(material));
        let reloaded = store.get(&first_id).expect("order kept");
        assert_eq!(reloaded.account, "alice");
        assert_eq!(reloaded.events.len(), 1);
        // Counters continue where they were.
        assert_ne!(store.allocate_order_id(), first_id);
        assert!(store.allocate_serial() > serial);
    }

    #[test]
    fn retention_forgets_the_oldest_orders_and_never_reuses_an_id() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state.redb");
        let mut ids = Vec::new();
        {
            let (mut store, _) = Store::open(&path).expect("create");
            store.set_max_orders(Some(3)).expect("retention");
            for _ in 0..5 {
                let o = order(&mut store, "alice");
                ids.push(o.id.clone());
                store.commit(vec![o]).expect("commit");
            }
            assert_eq!(store.len(), 3);
            assert!(store.get(&ids[0]).is_none() && store.get(&ids[1]).is_none());
            // An update of a kept order forgets nothing.
            let mut kept = store.get(&ids[2]).expect("kept").clone();
            kept.coupon = Some("changed".into());
            store.commit(vec![kept]).expect("update");
            assert_eq!(store.len(), 3);
        }
        // On disk too; a lower limit at the next start trims at once.
        let (mut store, _) = Store::open(&path).expect("reopen");
        let kept: Vec<&OrderId> = store.orders().map(|o| &o.id).collect();
        assert_eq!(kept, [&ids[2], &ids[3], &ids[4]]);
        store.set_max_orders(Some(1)).expect("trim");
        assert_eq!(store.orders().map(|o| &o.id).collect::<Vec<_>>(), [&ids[4]]);
        let next = store.allocate_order_id();
        assert!(!ids.contains(&next) && next > ids[4]);
        drop(store);
        let (store, _) = Store::open(&path).expect("reopen after trim");
        assert_eq!(store.len(), 1);
    }

    #[test]
    fn a_locked_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state.redb");
        let (_held, _) = Store::open(&path).expect("first");
        let err = Store::open(&path).expect_err("locked");
        assert!(err.to_string().contains("state.redb"), "{err}");
        assert_eq!(err.to_api_error().code, ErrorCode::DATABASE);
    }

    #[test]
    fn garbage_file_is_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state.redb");
        std::fs::write(&path, b"not a database at all").expect("write");
        assert!(Store::open(&path).is_err());
    }
}
