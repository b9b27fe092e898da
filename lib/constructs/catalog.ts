import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { Stack } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DATASETS, type DatasetContract } from '../../lambdas/core/contracts';
import { glueTableColumns } from '../../lambdas/core/contracts/glue-columns';
import { SOURCE_IDS } from '../../lambdas/core/feeds';
import { INGEST_MANIFESTS_TABLE, QUARANTINE_ROWS_TABLE } from '../../lambdas/core/ingest/lake-tables';
import { type JsonTable, projectionParameters } from '../../lambdas/core/lake/json-tables';
import { AUDIT_LOG_TABLE } from '../../lambdas/core/lake/audit-log-table';

export interface CatalogProps {
  readonly curatedBucket: IBucket;
  /** The audit bucket: cataloged as the `audit_log` table. @default - no audit_log table */
  readonly auditBucket?: IBucket;
  /** The quarantine bucket: cataloged as the `quarantine_rows` table. @default - no quarantine_rows table */
  readonly quarantineBucket?: IBucket;
  /**
   * The Glue database name.
   * @default 'vpdc_<stage>' is set by the stack; here 'vpdc'
   */
  readonly databaseName?: string;
  /**
   * The datasets to catalog.
   * @default DATASETS - every contract
   */
  readonly datasets?: readonly DatasetContract[];
  /**
   * The values of the `source` partition.
   * @default SOURCE_IDS - every source spec
   */
  readonly sourceIds?: readonly string[];
  /**
   * The first period Athena considers.
   * @default '2020-01'
   */
  readonly firstPeriod?: string;
}

/**
 * The Glue catalog of the curated zone, generated from the contracts: one database, one
 * table per dataset with its columns and comments, partitioned by `period` and `source`
 * with partition projection (period as a monthly date, source as the enum of source specs),
 * so Athena finds new partitions without a crawler or `MSCK REPAIR TABLE`.
 */
export class Catalog extends Construct {
  readonly databaseName: string;
  /** Every Glue table, by name: one per dataset, and the lake's own records (manifests, quarantine, audit log). */
  readonly tables: Record<string, CfnTable> = {};

  constructor(scope: Construct, id: string, props: CatalogProps) {
    super(scope, id);
    this.databaseName = props.databaseName ?? 'vpdc';
    if (!/^[a-z][a-z0-9_]{0,254}$/.test(this.databaseName))
      throw new Error(`databaseName must be lowercase letters, digits and _, got ${this.databaseName}`);
    const firstPeriod = props.firstPeriod ?? '2020-01';
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(firstPeriod))
      throw new Error(`firstPeriod must be yyyy-mm, got ${firstPeriod}`);
    const sourceIds = props.sourceIds ?? SOURCE_IDS;
    if (sourceIds.length === 0) throw new Error('sourceIds must name at least one source');

    const database = new CfnDatabase(this, 'Database', {
      catalogId: Stack.of(this).account,
      databaseInput: {
        name: this.databaseName,
        description: 'vpdc curated datasets (generated from the dataset contracts)',
      },
    });

    for (const contract of props.datasets ?? DATASETS) {
      const { columns, partitionKeys } = glueTableColumns(contract);
      const location = props.curatedBucket.s3UrlForObject(`curated/${contract.name}/`);
      const table = new CfnTable(this, tableId(contract.name), {
        catalogId: Stack.of(this).account,
        databaseName: this.databaseName,
        tableInput: {
          name: contract.name,
          description: `${contract.title}: ${contract.description}`.slice(0, 2048),
          tableType: 'EXTERNAL_TABLE',
          parameters: {
            classification: 'parquet',
            'contract.version': contract.version,
            'projection.enabled': 'true',
            'projection.period.type': 'date',
            'projection.period.format': 'yyyy-MM',
            'projection.period.range': `${firstPeriod},NOW`,
            'projection.period.interval': '1',
            'projection.period.interval.unit': 'MONTHS',
            'projection.source.type': 'enum',
            'projection.source.values': sourceIds.join(','),
            'storage.location.template': `${location}period=\${period}/source=\${source}/`,
          },
          partitionKeys,
          storageDescriptor: {
            columns,
            location,
            inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
            outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
            serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
          },
        },
      });
      table.addResourceDependency(database);
      this.tables[contract.name] = table;
    }
    // The lake's own records (lake-tables.ts, audit-log.ts): the manifests live beside the curated data.
    this.jsonTable('IngestManifestsTable', INGEST_MANIFESTS_TABLE, props.curatedBucket, database);
    if (props.quarantineBucket)
      this.jsonTable('QuarantineRowsTable', QUARANTINE_ROWS_TABLE, props.quarantineBucket, database);
    if (props.auditBucket) this.jsonTable('AuditLogTable', AUDIT_LOG_TABLE, props.auditBucket, database);
  }

  /** A table of JSON lines under a bucket's prefix, projected over its key template (no crawler). */
  private jsonTable(id: string, table: JsonTable, bucket: IBucket, database: CfnDatabase): void {
    const location = bucket.s3UrlForObject(table.prefix);
    const partitionNames = new Set(table.partitions.map((p) => p.name));
    const cfn = new CfnTable(this, id, {
      catalogId: Stack.of(this).account,
      databaseName: this.databaseName,
      tableInput: {
        name: table.name,
        description: table.description,
        tableType: 'EXTERNAL_TABLE',
        parameters: projectionParameters(table, location),
        partitionKeys: table.partitions.map((p) => ({
          name: p.name,
          type: 'string',
          comment: `${p.type === 'date' ? p.format : 'one of the key segment values'} (partition key)`,
        })),
        storageDescriptor: {
          // A partition is a segment of the key, never also a column of the records (Glue refuses both).
          columns: table.columns
            .filter((c) => !partitionNames.has(c.name))
            .map((c) => ({ name: c.name.toLowerCase(), type: c.hive })),
          location,
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serdeInfo: {
            serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
            parameters: { 'case.insensitive': 'true' },
          },
        },
      },
    });
    cfn.addResourceDependency(database);
    // The views read these too (feed_quality_history reads ingest_manifests): applied after them.
    this.tables[table.name] = cfn;
  }
}

/** `telecom_bts` → `TelecomBtsTable`: stable ids, so a table is never replaced by a rename elsewhere. */
function tableId(dataset: string): string {
  return `${dataset.replace(/(^|_)([a-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase())}Table`;
}
