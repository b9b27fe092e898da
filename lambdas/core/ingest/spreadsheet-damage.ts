import { FeedError } from '../feeds/feed-error';
import type { NumberStyle } from '../feeds/native-values';

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

  /**
   * A date of a day-first source in a workbook: a date cell, or text. A spreadsheet set to a
   * month-first locale (English) that opened the source's text turned `05/03/2017` into a date
   * cell for 3 May and left `31/05/2022` as text, since no 31st month exists: both in one column
   * is that signature, and every date with a day up to 12 may be swapped, so the file fails.
   */
  date(written: string, isCell: boolean, index: number): void {
    let seen = this.dates.get(index);
    if (!seen) this.dates.set(index, (seen = {}));
    if (isCell) seen.cell ??= { line: this.line, written };
    else if (DAY_OVER_12.test(written)) seen.text ??= { line: this.line, written };
    if (seen.cell && seen.text)
      throw new FeedError(
        'resaved_by_spreadsheet',
        `"${this.headerOf(index)}" holds dates both as date cells (line ${seen.cell.line}) and as text only a day-first reading takes (${seen.text.written}, line ${seen.text.line}): the file was opened by a spreadsheet program set to a month-first locale, which read 05/03/2017 as 3 May and left 31/05/2022 as text. Any date with a day up to 12 may be swapped, so the whole file is refused: send the original export, or open it with the Vietnamese date format (dd/mm/yyyy) before saving`,
        this.line,
      );
  }

  private readonly dates = new Map<
    number,
    { cell?: { line: number; written: string }; text?: { line: number; written: string } }
  >();

  /** A count that an English-locale spreadsheet re-read from Vietnamese digits (`16.650` → 16.65). */
  englishNumber(written: string, index: number): FeedError {
    return new FeedError(
      'resaved_by_spreadsheet',
      `"${this.headerOf(index)}" is ${written}, a count with an English decimal point: the file was re-saved by a spreadsheet program set to another locale, which read Vietnamese numbers as decimals (16.650, sixteen thousand six hundred fifty, became 16.65, and 11.000 became 11, which looks right and is not). The whole file is refused, since such values cannot all be told: send the original export, or open it with the Vietnamese number format before saving`,
      this.line,
    );
  }

  /** A formula cell saved without its value: a program that does not calculate formulas wrote the workbook. */
  uncalculated(index: number): FeedError {
    return new FeedError(
      'formula_without_value',
      `"${this.headerOf(index)}" is a formula whose value was never calculated: the workbook was written by a program that does not calculate formulas (a script, openpyxl, a reporting tool), so the cell holds no number. Open the file in Excel or LibreOffice and save it again, which stores the values, or write the values instead of formulas`,
      this.line,
    );
  }

  /**
   * A number only the other style reads (`21,3089` where the source writes English numbers,
   * `99.5` where it writes Vietnamese ones): the file was exported or saved with another
   * locale's number format, and its `1,234` may be 1.234 as well as 1234, so the file fails.
   */
  foreignNumber(written: string, index: number, style: NumberStyle): FeedError {
    const [own, mark, example] =
      style === 'en'
        ? ['English style (1,234.5)', 'a decimal comma', 'export it again with a decimal point']
        : [
            'Vietnamese style (1.234,5)',
            'a decimal point',
            'export it again with the Vietnamese number format (a decimal comma)',
          ];
    const ambiguous = style === 'en' ? '1,234' : '1.234';
    return new FeedError(
      'number_locale',
      `"${this.headerOf(index)}" is ${written}, a number with ${mark}, but this source writes numbers in ${own}: the file was exported or saved with another locale’s number format (a spreadsheet set to Vietnamese, German or French opened it, or the system’s settings changed), so a value such as ${ambiguous} cannot be told (one thousand two hundred thirty-four, or one point two three four). The whole file is refused: ${example}, or send the original export`,
      this.line,
    );
  }
}

/** A ward code (5 digits, 00001–32xxx) saved as a number loses its leading zeros: certain to restore. */
export function restoreWardCode(code: string): string {
  return code.length > 0 && code.length < 5 && /^\d+$/.test(code) ? code.padStart(5, '0') : code;
}

const SCIENTIFIC = /^\d(\.\d+)?E\+?\d+$/i;
/** A day-first date whose day (13–31) no month-first reading could take as a month. */
const DAY_OVER_12 = /^(1[3-9]|2\d|3[01])[/.-](0?[1-9]|1[0-2])[/.-]\d{2,4}\b/;
/** All digits, shorter than a CCCD's 12 (an 11-digit one is restored), and not starting with 0, as a number never does. */
const SHORT_DIGITS = /^[1-9]\d{0,9}$/;
