-- mart: document_exchange_by_agency: electronic documents each agency sent and received over the
-- national document exchange axis per month, the share sent digitally signed, and the share of
-- received documents processed by their deadline
-- shared with: the operations center, the People's Committee Office
with documents as (
    select * from stg_document_exchange
),

final as (
    select
        period,                                                                     -- reporting month, yyyy-mm
        agency_code,                                                                -- agency
        sum(documents_sent) as documents_sent,                                      -- documents sent over the axis
        sum(documents_sent_signed) as documents_sent_signed,                        -- of those, digitally signed
        round(100.0 * cast(sum(documents_sent_signed) as double) / nullif(sum(documents_sent), 0), 2) as signed_pct,  -- %
        sum(documents_received) as documents_received,                              -- documents received over the axis
        sum(documents_processed) as documents_processed,                            -- of those, processed by the month end
        sum(documents_processed_on_time) as documents_processed_on_time,            -- of those, by their deadline
        round(100.0 * cast(sum(documents_processed_on_time) as double) / nullif(sum(documents_processed), 0), 2) as on_time_pct,  -- %
        sum(documents_received) - sum(documents_processed) as documents_pending     -- received, still in hand at the month end
    from documents
    group by period, agency_code
)

select * from final
