-- mart: kpi_scorecard: one row per indicator and month. A plan target's row: actual, target,
-- target year, gap, the linear trend of the last 12 months projected to December of the target
-- year, and a status:
--   met        the actual (to 0.1) reaches the target
--   on_track   not yet, but the projection (to 0.01) reaches it by the target year
--   at_risk    the projection falls short by less than 10% of the target
--   off_track  the projection falls short by more, or the target year has passed
-- A baseline's row (a status figure of the seed article, not a goal: "met" would say nothing):
-- the figure, its month (December of its year) and the actual's change since, status baseline.
-- shared with: everyone (the plan's scorecard)
with actuals as (
    select
        a.period,
        a.indicator,
        a.actual,
        cast(substr(a.period, 1, 4) as integer) * 12 + cast(substr(a.period, 6, 2) as integer) - 1 as month_index
    from kpi_actuals as a
),

trend as (
    select
        *,
        regr_slope(actual, month_index) over (partition by indicator order by month_index rows between 11 preceding and current row) as slope,
        regr_intercept(actual, month_index) over (partition by indicator order by month_index rows between 11 preceding and current row) as intercept
    from actuals
),

scored as (
    select
        t.period,
        t.indicator,
        p.kind,
        t.actual,
        p.target,
        p.unit,
        p.target_year,
        p.target - t.actual as gap,
        coalesce(t.intercept + t.slope * cast(p.target_year * 12 + 11 as double), t.actual) as trend_value,
        t.month_index > p.target_year * 12 + 11 as past_target_year,
        p.plan_text,
        p.targets_version
    from trend as t
    join plan_targets as p
        on p.indicator = t.indicator
),

final as (
    select
        period,                                     -- reporting month, yyyy-mm
        indicator,                                  -- indicator id (plan_targets)
        kind,                                       -- plan_target, or baseline (a status figure of the seed article)
        round(actual, 2) as actual,                 -- in unit
        case when kind = 'plan_target' then target end as target,                  -- in unit
        unit,                                       -- %, stations, subscriptions, …
        target_year,                                -- December of this year (a baseline: the figure's year)
        case when kind = 'plan_target' then round(gap, 2) end as gap,              -- target - actual, in unit
        case when kind = 'plan_target' then round(projection, 2) end as projection,  -- linear trend of the last 12 months at the target year (a % stays within 0–100)
        case when kind = 'baseline' then target end as baseline,                   -- the seed's figure, in unit
        case when kind = 'baseline' then cast(target_year as varchar) || '-12' end as baseline_period,  -- its month, yyyy-mm
        case when kind = 'baseline' then round(actual - target, 2) end as change_since_baseline,  -- actual - baseline, in unit
        case
            when kind = 'baseline' then 'baseline'
            when round(actual, 1) >= target then 'met'
            when past_target_year then 'off_track'
            when round(projection, 2) >= target then 'on_track'
            when round(projection, 2) >= 0.9 * target then 'at_risk'
            else 'off_track'
        end as status,                              -- met, on_track, at_risk, off_track; baseline
        plan_text,                                  -- what the plan (or the seed article) says
        targets_version                             -- version of the plan_targets reference file
    from (
        select
            *,
            case when unit = '%' then least(greatest(trend_value, 0.0), 100.0) else trend_value end as projection
        from scored
    ) as projected
)

select * from final
