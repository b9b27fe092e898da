/**
 * A personal identifier as the producer's system holds it, from the text a file carries.
 *
 * A citizen ID (CCCD) has 12 digits and starts with a 0 (its first three digits are the
 * province of birth, 001–096). Opened and saved in Excel, it becomes a number and loses that
 * zero: 11 digits, which no Vietnamese identifier has (CMND 9, tax code 10 or 10-3, CCCD 12).
 * Such a value is certainly a CCCD and gets its zero back, so the keyed hash is the person's,
 * not a stranger's. A CCCD that lost two zeros (provinces 001–009) has 10 digits, as a tax code
 * has: that one cannot be told, and is left as it is.
 */
export function restoreIdentifier(clear: string): string {
  return clear.length === 11 && /^\d{11}$/.test(clear) ? `0${clear}` : clear;
}
