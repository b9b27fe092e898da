import { FeedError } from '../feeds/feed-error';

/**
 * Excel's damage to a file it opened and saved, caught: what is certain is restored, and
 * where the damage cannot be undone the whole file fails, since some of its rows would then
 * be accepted with different values than the producer's system holds.
 */
export class SpreadsheetDamage {
  /** The line of the record being read. */
  line = 0;
  private restored: { line: number; written: string; header: string } | undefined;
  private uncertain: { line: number; written: string; header: string } | undefined;

  constructor(private readonly headerOf: (index: number) => string) {}

  /**
   * A personal identifier as written, and as restored. An 11-digit one certainly lost the
   * leading 0 of a CCCD (restoreIdentifier); once a file shows that, a shorter all-digit one
   * (a CCCD that lost two zeros, or a tax code that lost one) cannot be told, and the file fails.
   */
  identifier(written: string, restored: string, line: number, index: number): void {
    const header = this.headerOf(index);
    if (SCIENTIFIC.test(written))
      throw new FeedError(
        'resaved_by_spreadsheet',
        `"${header}" is ${written}: the file was re-saved by a spreadsheet program that turned the identifiers into numbers in scientific notation, and their digits are lost. Send the original export (not opened and saved in Excel), or format the column as Text before saving`,
        line,
      );
    if (restored !== written) this.restored ??= { line, written, header };
    else if (SHORT_DIGITS.test(written)) this.uncertain ??= { line, written, header };
    if (this.restored && this.uncertain)
      throw new FeedError(
        'resaved_by_spreadsheet',
        `the file was re-saved by a spreadsheet program that read the identifiers in "${header}" as numbers and dropped their leading zeros: ${this.restored.written} (line ${this.restored.line}) is a citizen ID that lost one 0 and is restored, but ${this.uncertain.written} (line ${this.uncertain.line}) may have lost more and cannot be told from a tax code or an old ID. Send the original export (not opened and saved in Excel), or format the column as Text before saving`,
      );
  }

  /** A count that an English-locale spreadsheet re-read from Vietnamese digits (`16.650` → 16.65). */
  englishNumber(written: string, index: number): FeedError {
    return new FeedError(
      'resaved_by_spreadsheet',
      `"${this.headerOf(index)}" is ${written}, a count with an English decimal point: the file was re-saved by a spreadsheet program set to another locale, which read Vietnamese numbers as decimals (16.650, sixteen thousand six hundred fifty, became 16.65, and 11.000 became 11, which looks right and is not). The whole file is refused, since such values cannot all be told: send the original export, or open it with the Vietnamese number format before saving`,
      this.line,
    );
  }
}

/** A ward code (5 digits, 00001–32xxx) saved as a number loses its leading zeros: certain to restore. */
export function restoreWardCode(code: string): string {
  return code.length > 0 && code.length < 5 && /^\d+$/.test(code) ? code.padStart(5, '0') : code;
}

const SCIENTIFIC = /^\d(\.\d+)?E\+?\d+$/i;
/** All digits, shorter than a CCCD's 12 (an 11-digit one is restored), and not starting with 0, as a number never does. */
const SHORT_DIGITS = /^[1-9]\d{0,9}$/;
