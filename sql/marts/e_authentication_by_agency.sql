-- mart: e_authentication_by_agency: online dossiers per handling agency and month, by how the
-- applicant signed in, and the share submitted after e-authentication through VNeID (a person's
-- level-2 account or an organization's account)
-- shared with: the operations center, the Public Administration Service Center
-- Counts only: no applicant data. Counter and postal dossiers have no sign-in and are left out.
with online as (
    select * from stg_dossier_submissions
    where channel = 'online'
),

final as (
    select
        period,                                                                                    -- month received, yyyy-mm
        agency_code,                                                                               -- handling agency
        sum(dossiers) as online_dossiers,                                                          -- dossiers submitted online
        sum(case when auth_method = 'vneid_level2' then dossiers else 0 end) as online_vneid_level2,                          -- dossiers
        sum(case when auth_method = 'vneid_organization' then dossiers else 0 end) as online_vneid_organization,              -- dossiers
        sum(case when auth_method = 'national_portal_account' then dossiers else 0 end) as online_national_portal_account,    -- dossiers
        sum(case when auth_method = 'local_account' then dossiers else 0 end) as online_local_account,                        -- dossiers
        sum(case when auth_method in ('vneid_level2', 'vneid_organization') then dossiers else 0 end) as e_authenticated_dossiers,  -- dossiers
        round(100.0 * cast(sum(case when auth_method in ('vneid_level2', 'vneid_organization') then dossiers else 0 end) as double)
            / nullif(sum(dossiers), 0), 2) as e_authentication_pct                                 -- % of online dossiers
    from online
    group by period, agency_code
)

select * from final
