import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { Stack } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DATASETS, type DatasetContract } from '../../lambdas/core/contracts';
import { glueTableColumns } from '../../lambdas/core/contracts/glue-columns';
import { SOURCE_IDS } from '../../lambdas/core/feeds';
import { AUDIT_LOG_COLUMNS } from '../../lambdas/core/sharing/audit-log';

export interface CatalogProps {
  readonly curatedBucket: IBucket;
  /** The audit bucket: cataloged as the `audit_log` table. @default - no audit_log table */
  readonly auditBucket?: IBucket;
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
    if (props.auditBucket) this.auditTable(props.auditBucket, database);
  }

  /** The API's audit log (JSON lines under audit/yyyy/MM/dd/), projected by day: administrators query it in Athena. */
  private auditTable(bucket: IBucket, database: CfnDatabase): void {
    const location = bucket.s3UrlForObject('audit/');
    const table = new CfnTable(this, 'AuditLogTable', {
      catalogId: Stack.of(this).account,
      databaseName: this.databaseName,
      tableInput: {
        name: 'audit_log',
        description:
          'Every exchange of the integration platform API: agency, route, dataset, filters, rows, bytes, status, receipt.',
        tableType: 'EXTERNAL_TABLE',
        parameters: {
          classification: 'json',
          'projection.enabled': 'true',
          'projection.day.type': 'date',
          'projection.day.format': 'yyyy/MM/dd',
          'projection.day.range': '2026/01/01,NOW',
          'projection.day.interval': '1',
          'projection.day.interval.unit': 'DAYS',
          'storage.location.template': `${location}\${day}/`,
        },
        partitionKeys: [{ name: 'day', type: 'string', comment: 'yyyy/MM/dd (partition key)' }],
        storageDescriptor: {
          columns: AUDIT_LOG_COLUMNS.map((c) => ({ name: c.name.toLowerCase(), type: c.hive })),
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
    table.addResourceDependency(database);
  }
}

/** `telecom_bts` → `TelecomBtsTable`: stable ids, so a table is never replaced by a rename elsewhere. */
function tableId(dataset: string): string {
  return `${dataset.replace(/(^|_)([a-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase())}Table`;
}
