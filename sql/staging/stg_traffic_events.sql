-- staging: traffic_events (contract 1.0.0), one accident or one recorded violation
-- generated from lambdas/core/contracts by `npm run sql:generate`: edit the contract, not this file
with source as (
    select * from traffic_events
),

ranked as (
    select
        *,
        row_number() over (
            partition by event_id, period
            order by ingested_at desc, manifest_id desc
        ) as ingest_rank
    from source
),

final as (
    select
        event_id,           -- Identifier of the record in the traffic police system (violation record or accident report)
        event_type,         -- A traffic accident, or a recorded violation
        category,           -- The violation (speeding, running a red light, wrong lane, no helmet, drink driving, illegal parking, overloading); for an accident, the violation found as its main cause
        severity,           -- Accident severity as the police classify it (ít nghiêm trọng, nghiêm trọng, rất nghiêm trọng, đặc biệt nghiêm trọng); null for a violation
        ward_code,          -- 2025 ward (commune) code, five digits, Vĩnh Phúc area of Phú Thọ
        ward_code_original, -- Ward code exactly as the feed gave it (pre- or post-2025 scheme); null when the feed named the ward
        ward_name_original, -- Ward name exactly as the feed gave it; null when the feed gave only a code
        road,               -- The road as the police name it: a national road (`QL2`, `QL2C`), the expressway (`CT05`), a provincial road (`ĐT305`), `urban` for a town street or `local` for a commune road
        occurred_at,        -- When it happened (UTC; the export writes Vietnam time)
        detected_by,        -- Who recorded it: a surveillance camera, a police patrol, or a report to the police (accidents)
        vehicle_type,       -- The vehicle of the violation, or the main vehicle involved in the accident
        plate_hash,         -- HMAC-SHA256 of the number plate (repeat offenders stay countable); the clear plate is never stored. Null when none was recorded (a driver who fled); PII: keyed hash, never a clear id
        deaths,             -- People killed in the accident; null for a violation; unit: people
        injuries,           -- People injured in the accident; null for a violation; unit: people
        ingested_at,        -- When the ETL wrote the row (UTC)
        manifest_id,        -- Id of the ingest manifest that wrote the row (SHA-256 of the raw file and contract version)
        period,             -- Reporting month, yyyy-mm (partition key)
        source              -- Id of the feed source that sent the row (partition key)
    from ranked
    where ingest_rank = 1
)

select * from final
