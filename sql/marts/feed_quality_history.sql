-- mart: feed_quality_history: what each feed sent, by month of receipt: files received and failed,
-- rows in, accepted and rejected, why rows were rejected (or files failed), and how late the files
-- came against the source's cadence; from every ingest manifest, failed ones included
-- shared with: the operations center (every feed), each producer (its own source)
-- no row data: counts from the manifests only
-- two kinds of row per source, dataset and month: reason = 'all', the totals of every file with the
-- lateness; and one row per reason code, its rejected rows (or its failed files)
with manifests as (
    select
        manifestId as manifest_id,
        source,
        dataset,
        status,
        rowsIn as rows_in,
        rowsAccepted as rows_accepted,
        rowsRejected as rows_rejected,
        reasons,                                                  -- reason code → rejected rows
        "error".code as error_code,                               -- why a failed file failed
        -- when the file was received (its manifest written), UTC to the second: Athena reads the
        -- manifest's ISO text, DuckDB a timestamp; both as text begin yyyy-mm-dd?hh:mm:ss
        cast(replace(substr(cast(finishedAt as varchar), 1, 19), 'T', ' ') as timestamp) as received_at
    from ingest_manifests
),

received as (
    select
        *,
        date_format(received_at + interval '7' hour, '%Y-%m') as period,  -- month received, Vietnam time (UTC+7, no DST)
        -- days since the previous file of the same source and dataset; null for the first
        cast(date_diff('second', lag(received_at) over (partition by source, dataset order by received_at, manifest_id), received_at) as double) / 86400.0 as gap_days
    from manifests
),

timed as (
    select
        received.*,
        cadences.cadence_days,                                    -- days, from the source spec
        cadences.grace_days                                       -- days, from the source spec
    from received
    left join source_cadences as cadences on cadences.source = received.source
),

totals as (
    select
        period,
        source,
        dataset,
        'all' as reason,
        sum(case when status = 'succeeded' then 1 else 0 end) as files_succeeded,
        sum(case when status = 'failed' then 1 else 0 end) as files_failed,
        sum(rows_in) as rows_in,
        sum(rows_accepted) as rows_accepted,
        sum(rows_rejected) as rows_rejected,
        max(cadence_days) as cadence_days,
        max(grace_days) as grace_days,
        round(max(gap_days), 2) as max_gap_days,
        -- days past the expected arrival (before the grace): a feed slipping shows here before the alarm
        case
            when max(gap_days) is null or max(cadence_days) is null then null
            when max(gap_days) > max(cadence_days) then round(max(gap_days) - max(cadence_days), 2)
            else 0.0
        end as days_late,
        -- files past cadence and grace: what the late-feed alarm counts
        sum(case when gap_days > cadence_days + grace_days then 1 else 0 end) as files_late
    from timed
    group by period, source, dataset
),

-- each file once per reason: the rows it rejected for it, or the code it failed with
file_reasons as (
    select manifest_id, period, source, dataset, status, reason, sum(rejected) as rejected
    from (
        select manifest_id, period, source, dataset, status, codes.reason, reasons[codes.reason] as rejected
        from received
        cross join unnest(map_keys(reasons)) as codes (reason)
        union all
        select manifest_id, period, source, dataset, status, error_code as reason, 0 as rejected
        from received
        where error_code is not null
    ) as pairs
    group by manifest_id, period, source, dataset, status, reason
),

by_reason as (
    select
        period,
        source,
        dataset,
        reason,
        sum(case when status = 'succeeded' then 1 else 0 end) as files_succeeded,
        sum(case when status = 'failed' then 1 else 0 end) as files_failed,
        sum(rejected) as rows_rejected
    from file_reasons
    group by period, source, dataset, reason
),

final as (
    select
        period,                                                   -- month received, yyyy-mm
        source,
        dataset,
        reason,                                                   -- 'all', or a reason code
        files_succeeded,                                          -- files
        files_failed,                                             -- files
        rows_in,                                                  -- rows
        rows_accepted,                                            -- rows
        rows_rejected,                                            -- rows
        round(100.0 * cast(rows_rejected as double) / nullif(rows_in, 0), 2) as rejected_pct,  -- % of rows in
        cadence_days,                                             -- days
        grace_days,                                               -- days
        max_gap_days,                                             -- days
        days_late,                                                -- days
        files_late                                                -- files
    from totals

    union all

    select
        by_reason.period,
        by_reason.source,
        by_reason.dataset,
        by_reason.reason,
        by_reason.files_succeeded,
        by_reason.files_failed,
        cast(null as bigint) as rows_in,
        cast(null as bigint) as rows_accepted,
        by_reason.rows_rejected,
        round(100.0 * cast(by_reason.rows_rejected as double) / nullif(totals.rows_in, 0), 2) as rejected_pct,
        cast(null as integer) as cadence_days,
        cast(null as integer) as grace_days,
        cast(null as double) as max_gap_days,
        cast(null as double) as days_late,
        cast(null as bigint) as files_late
    from by_reason
    inner join totals
        on totals.period = by_reason.period and totals.source = by_reason.source and totals.dataset = by_reason.dataset
)

select * from final
