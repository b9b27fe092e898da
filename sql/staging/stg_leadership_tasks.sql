-- staging: leadership_tasks (contract 1.0.0), one task as listed at one month end
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from leadership_tasks
),

ranked as (
    select
        *,
        row_number() over (
            partition by task_id, period
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        task_id,       -- Identifier of the task in the task-tracking system
        directive_ref, -- Number and symbol of the document that assigned it (`123/TB-UBND`); null for a task given in a meeting without one
        assigned_by,   -- Who assigned it: the chairman, a vice chairman, or the People’s Committee collectively
        agency_code,   -- Code of the agency that leads the task (as in admin_dossiers)
        assigned_on,   -- Date the task was assigned
        due_on,        -- Deadline; null for a standing task (nhiệm vụ thường xuyên)
        completed_on,  -- Date the task was reported done; null while it is open
        status,        -- Status at the month end
        ingested_at,   -- When the ETL wrote the row (UTC)
        manifest_id,   -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,        -- Reporting month, yyyy-mm (partition key)
        source         -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
