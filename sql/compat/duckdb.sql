-- Trino functions that DuckDB lacks, as DuckDB macros: loaded before the views on DuckDB only,
-- so sql/staging and sql/marts stay plain Trino (what Athena runs).
-- approx_percentile(x, p): Trino's approximate percentile; DuckDB's exact continuous quantile.
create or replace macro approx_percentile(x, p) as quantile_cont(x, p);
-- to_unixtime(ts): seconds since the epoch, as double.
create or replace macro to_unixtime(ts) as epoch(ts);
-- date_parse(text, format): Trino's MySQL-style format; DuckDB's strptime takes the same codes used here.
create or replace macro date_parse(text, fmt) as strptime(text, fmt);
-- regexp_like(text, pattern): DuckDB's regexp_matches, which also searches anywhere in the text.
create or replace macro regexp_like(text, pattern) as regexp_matches(text, pattern);
-- approx_distinct(x): Trino's HyperLogLog count; DuckDB's exact count distinct.
create or replace macro approx_distinct(x) as count(distinct x);
