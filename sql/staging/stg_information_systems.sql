-- staging: information_systems (contract 1.0.0), one information system in one month
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from information_systems
),

ranked as (
    select
        *,
        row_number() over (
            partition by system_id, period
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        system_id,      -- Identifier of the system in the provincial inventory
        system_name,    -- Name of the system
        owner_agency,   -- Agency that owns the system
        security_level, -- Security level of the system (1 lowest, 5 highest); unit: level (1–5)
        level_approved, -- The security level dossier has been approved
        approved_on,    -- Date the security level was approved; null if not approved
        lgsp_connected, -- Connected through the provincial LGSP
        serves_public,  -- Faces citizens or businesses (as opposed to internal use)
        ingested_at,    -- When the ETL wrote the row (UTC)
        manifest_id,    -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,         -- Reporting month, yyyy-mm (partition key)
        source          -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
