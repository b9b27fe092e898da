-- mart: news_monitoring_by_topic: items about the province the cyberspace information monitoring
-- system collected per topic and month, the negative ones, false, reported and answered, and the
-- negative and handled shares
-- shared with: the operations center, the Department of Culture, Sports and Tourism
-- Counts only: the monitoring system sends no author, account, link or text (no personal data).
with items as (
    select * from stg_news_monitoring
),

final as (
    select
        period,                                                                            -- reporting month, yyyy-mm
        topic,                                                                             -- as in news_monitoring
        sum(mentions) as mentions,                                                         -- items, every channel
        sum(mentions_negative) as mentions_negative,                                       -- items, negative
        round(100.0 * cast(sum(mentions_negative) as double) / nullif(sum(mentions), 0), 2) as negative_pct,  -- % of items
        sum(case when channel <> 'online_newspaper' then mentions_negative else 0 end)
            as negative_social_media,                                                      -- items, negative, not in the press
        sum(mentions_false) as mentions_false,                                             -- items, negative and false
        sum(negative_reported) as negative_reported,                                       -- items, reported to the platform
        sum(negative_answered) as negative_answered,                                       -- items, answered by a statement
        sum(negative_reported + negative_answered) as negative_handled,                    -- items, handled either way
        round(100.0 * cast(sum(negative_reported + negative_answered) as double)
            / nullif(sum(mentions_negative), 0), 2) as handled_pct                         -- % of negative items
    from items
    group by period, topic
)

select * from final
