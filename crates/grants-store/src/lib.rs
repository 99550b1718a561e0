//! Persistence: sea-orm entities, repositories and the transactional transition executor.
