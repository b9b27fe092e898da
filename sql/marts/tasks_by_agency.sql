-- mart: tasks_by_agency: tasks the provincial leadership assigned, by leading agency and month:
-- assigned, done (on time), open and overdue at the month end
-- shared with: the operations center, the People's Committee Office
-- A month's list holds every task open at some point in it; dates compare as yyyy-mm text
-- with the period, which reads the same on Athena and DuckDB.
with tasks as (
    select
        *,
        date_format(assigned_on, '%Y-%m') as assigned_month,
        date_format(due_on, '%Y-%m') as due_month,
        date_format(completed_on, '%Y-%m') as completed_month
    from stg_leadership_tasks
),

final as (
    select
        period,                                                                           -- reporting month, yyyy-mm
        agency_code,                                                                      -- leading agency
        sum(case when assigned_month = period then 1 else 0 end) as tasks_assigned,       -- tasks
        sum(case when completed_month = period then 1 else 0 end) as tasks_completed,     -- tasks
        sum(case when completed_month = period and (due_on is null or completed_on <= due_on) then 1 else 0 end)
            as tasks_completed_on_time,                                                   -- tasks
        round(100.0 * cast(sum(case when completed_month = period and (due_on is null or completed_on <= due_on) then 1 else 0 end) as double)
            / nullif(sum(case when completed_month = period then 1 else 0 end), 0), 2) as on_time_pct,  -- %
        sum(case when status = 'in_progress' then 1 else 0 end) as tasks_open,            -- tasks
        sum(case when status = 'in_progress' and due_month <= period then 1 else 0 end) as tasks_overdue,  -- tasks
        round(100.0 * cast(sum(case when status = 'in_progress' and due_month <= period then 1 else 0 end) as double)
            / nullif(sum(case when status = 'in_progress' then 1 else 0 end), 0), 2) as overdue_pct  -- %
    from tasks
    group by period, agency_code
)

select * from final
