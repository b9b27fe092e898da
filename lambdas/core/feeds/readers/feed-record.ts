/** One record of a feed (a CSV record, a spreadsheet row, a JSON object) and the line it starts on. */
export interface FeedRecord {
  fields: string[];
  line: number;
  /** The sheet a spreadsheet row is on. */
  sheet?: string;
  /** Which fields are a workbook's number cells: their text is the stored value (`21.416757`), not the source's number style. */
  numeric?: readonly boolean[];
  /** Which of the number cells show their number as a percent: their text is the stored fraction (0.999 for 99.90%). */
  percent?: readonly boolean[];
  /** Which fields are a workbook's formulas saved without their value (the field is empty). */
  uncalculated?: readonly boolean[];
}

/** Batches of records as a reader produces them, with the bytes read so far. */
export type RecordBatches = AsyncIterable<{ records: FeedRecord[]; bytes: number }>;

/** A record that stands for text that is not a JSON object: its first field is this marker (the row source rejects it as invalid_json). */
export const INVALID_JSON = '\u0000invalid_json';
