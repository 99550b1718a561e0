//! `application_tags`: the taxonomy tags of each application (`/tags/jvap_domains`, `/tags/dialogues`,
//! `/tags/geographic_level` of its answers), one row per tag, written with the answers. The portfolio
//! groups by them and the applications list filters by them without parsing every application's JSON.
//! Existing applications are filled from their answers here, by the same rule as `grants_domain::tags`:
//! strings only, each once, at most 100 characters.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ApplicationTags {
    Table,
    ApplicationId,
    List,
    Tag,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
}

const BY_TAG: &str = "idx_application_tags_tag";

/// The tags of the applications already written, on PostgreSQL.
const FILL_POSTGRES: &str = "
INSERT INTO application_tags (application_id, list, tag)
SELECT DISTINCT a.id, l.list, x.value #>> '{}'
FROM applications a
CROSS JOIN (VALUES ('jvap_domains'), ('dialogues')) AS l(list)
CROSS JOIN LATERAL jsonb_array_elements(
    CASE WHEN jsonb_typeof(CAST(a.answers AS jsonb) -> 'tags' -> l.list) = 'array'
         THEN CAST(a.answers AS jsonb) -> 'tags' -> l.list ELSE '[]'::jsonb END) AS x(value)
WHERE jsonb_typeof(x.value) = 'string' AND length(x.value #>> '{}') <= 100
UNION
SELECT a.id, 'geographic_level', CAST(a.answers AS jsonb) -> 'tags' ->> 'geographic_level'
FROM applications a
WHERE jsonb_typeof(CAST(a.answers AS jsonb) -> 'tags' -> 'geographic_level') = 'string'
  AND length(CAST(a.answers AS jsonb) -> 'tags' ->> 'geographic_level') <= 100";

/// The same on SQLite.
const FILL_SQLITE: &str = "
INSERT INTO application_tags (application_id, list, tag)
SELECT DISTINCT a.id, l.list, e.value
FROM applications a
JOIN (SELECT 'jvap_domains' AS list UNION ALL SELECT 'dialogues') AS l
JOIN json_each(a.answers, '$.tags.' || l.list) AS e
WHERE json_type(a.answers, '$.tags.' || l.list) = 'array' AND e.type = 'text' AND length(e.value) <= 100
UNION
SELECT a.id, 'geographic_level', json_extract(a.answers, '$.tags.geographic_level')
FROM applications a
WHERE json_type(a.answers, '$.tags.geographic_level') = 'text'
  AND length(json_extract(a.answers, '$.tags.geographic_level')) <= 100";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ApplicationTags::Table)
                    .col(big_integer(ApplicationTags::ApplicationId))
                    .col(string_len(ApplicationTags::List, 32))
                    .col(string_len(ApplicationTags::Tag, 400))
                    .primary_key(
                        Index::create()
                            .col(ApplicationTags::ApplicationId)
                            .col(ApplicationTags::List)
                            .col(ApplicationTags::Tag),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApplicationTags::Table, ApplicationTags::ApplicationId)
                            .to(Applications::Table, Applications::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The list filter by tag: the applications carrying one tag.
        manager
            .create_index(
                Index::create()
                    .name(BY_TAG)
                    .table(ApplicationTags::Table)
                    .col(ApplicationTags::Tag)
                    .col(ApplicationTags::ApplicationId)
                    .to_owned(),
            )
            .await?;
        let fill = match manager.get_database_backend() {
            DbBackend::Postgres => FILL_POSTGRES,
            _ => FILL_SQLITE,
        };
        manager.get_connection().execute_unprepared(fill).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ApplicationTags::Table).to_owned()).await
    }
}
