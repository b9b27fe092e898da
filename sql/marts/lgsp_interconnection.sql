-- mart: lgsp_interconnection: the provincial integration platform's (LGSP) connections by kind and
-- month: how many systems and databases there are, how many are connected (live), the connected
-- share, and their calls
-- shared with: the operations center, the Department of Science and Technology
-- Provincial systems are counted from the month's inventory (information_systems) and the LGSP's log
-- together: a system of the inventory the LGSP has not registered is one not connected. The two are
-- stacked and summed per connection and month, not joined, so a month filter still reaches the files.
with inventory as (
    select
        period,
        'provincial_system' as connection_kind,
        system_id as connection_id,
        0 as live,
        0 as testing,
        cast(0 as bigint) as transactions,
        cast(0 as bigint) as failed_transactions,
        cast(null as double) as latency_total_ms
    from stg_information_systems
),

registered as (
    select
        period,
        connection_kind,
        connection_id,
        case when status = 'connected' then 1 else 0 end as live,
        case when status = 'testing' then 1 else 0 end as testing,
        transactions,
        failed_transactions,
        mean_latency_ms * cast(transactions as double) as latency_total_ms
    from stg_lgsp_exchanges
),

connections as (
    select
        period,
        connection_kind,
        connection_id,
        max(live) as live,
        max(testing) as testing,
        sum(transactions) as transactions,
        sum(failed_transactions) as failed_transactions,
        sum(latency_total_ms) as latency_total_ms
    from (
        select * from inventory
        union all
        select * from registered
    ) as stacked
    group by period, connection_kind, connection_id
),

final as (
    select
        period,                                                                        -- reporting month, yyyy-mm
        connection_kind,                                                               -- provincial_system, national_database, sectoral_database, national_system
        count(*) as connections,                                                       -- systems or databases, in the inventory or on the LGSP
        sum(live) as connected,                                                        -- of those, connected (live) at the month end
        sum(testing) as testing,                                                       -- of those, connected for testing only
        round(100.0 * cast(sum(live) as double) / count(*), 2) as connected_pct,       -- %
        sum(transactions) as transactions,                                             -- calls in the month
        sum(failed_transactions) as failed_transactions,                               -- calls
        round(100.0 * cast(sum(failed_transactions) as double) / nullif(cast(sum(transactions) as double), 0), 2) as failed_pct,  -- %
        round(sum(latency_total_ms) / nullif(cast(sum(transactions) as double), 0), 1) as mean_latency_ms  -- ms, weighted by calls
    from connections
    group by period, connection_kind
)

select * from final
