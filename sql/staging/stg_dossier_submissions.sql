-- staging: dossier_submissions (contract 1.0.0), one agency, channel and sign-in method in one month
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from dossier_submissions
),

ranked as (
    select
        *,
        row_number() over (
            partition by agency_code, channel, auth_method, period
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        agency_code,          -- Code of the agency handling the dossiers (as in admin_dossiers)
        channel,              -- How the dossiers were submitted (as in admin_dossiers)
        auth_method,          -- How the applicant signed in to submit online: a VNeID level-2 account (định danh điện tử mức 2), an organization’s VNeID account, an account of the National Public Service Portal, or a local account of the provincial portal; none for a counter or postal dossier
        dossiers,             -- Dossiers received; unit: dossiers
        fee_bearing_dossiers, -- Of those, dossiers of a procedure with a fee or charge to pay; unit: dossiers
        paid_online_dossiers, -- Of those, dossiers whose fee was paid online (through the payment gateway); unit: dossiers
        ingested_at,          -- When the ETL wrote the row (UTC)
        manifest_id,          -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,               -- Reporting month, yyyy-mm (partition key)
        source                -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
